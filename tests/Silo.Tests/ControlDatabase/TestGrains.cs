namespace Warden.Silo.Tests.ControlDatabase;

/// <summary>A trivial grain, so a client can prove it reached a silo found through the control database.</summary>
[Alias("Warden.Silo.Tests.IEchoGrain")]
public interface IEchoGrain : IGrainWithStringKey
{
    [Alias("Echo")]
    Task<string> EchoAsync(string text);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<string> EchoAsync(string text) => Task.FromResult($"{this.GetPrimaryKeyString()}:{text}");
}

[GenerateSerializer]
[Alias("Warden.Silo.Tests.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }
}

/// <summary>Persists a counter through the ADO.NET grain storage.</summary>
[Alias("Warden.Silo.Tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithIntegerKey
{
    [Alias("Increment")]
    Task<int> IncrementAsync();

    [Alias("Get")]
    Task<int> GetAsync();

    [Alias("Clear")]
    Task ClearAsync();

    [Alias("Deactivate")]
    Task DeactivateAsync();
}

public sealed class CounterGrain([PersistentState("counter", AdoNetTestCluster.StorageName)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>Registers and removes durable reminders through the ADO.NET reminder table.</summary>
[Alias("Warden.Silo.Tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task RegisterAsync(string name);

    [Alias("Names")]
    Task<string[]> GetReminderNamesAsync();

    [Alias("Unregister")]
    Task UnregisterAsync(string name);
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public Task RegisterAsync(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    public async Task<string[]> GetReminderNamesAsync() =>
        (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToArray();

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"no reminder {name}");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
