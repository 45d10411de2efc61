using Warden.Replay;

return await ReplayCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
