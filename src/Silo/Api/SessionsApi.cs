using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;
using Warden.Grains.Interfaces.Sessions;
using Warden.Grains.Policy;
using Warden.Recording;

namespace Warden.Silo.Api;

/// <summary>
/// Sessions and their recordings (DESIGN §6): <c>GET /api/sessions</c> (recent and active),
/// <c>GET /api/sessions/{id}</c>, <c>GET /api/sessions/{id}/events</c> (the stored JSON lines, streamed in
/// order) and <c>GET /api/sessions/{id}/verify</c>. Approvers see every session; anyone else only their own.
/// </summary>
internal static class SessionsApi
{
    private const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions").RequireCaller();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapGet("/{id:guid}/events", EventsAsync);
        api.MapGet("/{id:guid}/verify", VerifyAsync);
        return app;
    }

    internal sealed record SessionView(
        Guid Id,
        string Subject,
        string Target,
        string Status,
        DateTimeOffset StartedAt,
        DateTimeOffset UpdatedAt,
        long Events,
        IReadOnlyList<string> Parts,
        string? AnchorHash,
        string? Role = null,
        string? Edge = null,
        string? ClientAddress = null,
        string? CloseReason = null);

    internal sealed record VerifyView(
        bool Ok,
        Guid Id,
        long Events,
        bool Sealed,
        bool Interrupted,
        string? AnchorHash,
        string AnchorSource,
        FailureView? Failure);

    internal sealed record FailureView(long Line, long? Sequence, string Reason);

    private static async Task<Ok<List<SessionView>>> ListAsync(HttpContext http, IRecordingStore store, PolicyRuntime policy, string? status, int? limit)
    {
        var caller = http.Caller();
        var views = new List<SessionView>();
        await foreach (var manifest in store.ListAsync(http.RequestAborted))
        {
            if (MayRead(caller, policy, manifest.Subject) && (status is null || StatusName(manifest.Status) == status))
            {
                views.Add(View(manifest, null));
            }
        }
        return TypedResults.Ok(views.OrderByDescending(v => v.StartedAt).Take(Math.Clamp(limit ?? DefaultLimit, 1, 1000)).ToList());
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, IRecordingStore store, IGrainFactory grains, PolicyRuntime policy)
    {
        var manifest = await store.GetManifestAsync(id, http.RequestAborted);
        if (manifest is null || !MayRead(http.Caller(), policy, manifest.Subject))
        {
            return NotFound(id);
        }
        return TypedResults.Ok(View(manifest, await DescribeAsync(grains, id)));
    }

    /// <summary>Streams the stored lines as NDJSON without holding the recording in memory.</summary>
    private static async Task<IResult> EventsAsync(Guid id, HttpContext http, IRecordingStore store, PolicyRuntime policy)
    {
        var manifest = await store.GetManifestAsync(id, http.RequestAborted);
        if (manifest is null || !MayRead(http.Caller(), policy, manifest.Subject))
        {
            return NotFound(id);
        }
        http.Response.ContentType = "application/x-ndjson";
        await foreach (var line in store.ReadLinesAsync(id, http.RequestAborted))
        {
            await http.Response.WriteAsync(line, http.RequestAborted);
            await http.Response.WriteAsync("\n", http.RequestAborted);
        }
        return Results.Empty;
    }

    /// <summary>
    /// Verifies the stored chain against the anchor the cluster kept on the control database (apart from
    /// the store), so rewriting the whole recording and its manifest is still detected.
    /// </summary>
    private static async Task<Results<Ok<VerifyView>, ProblemHttpResult>> VerifyAsync(
        Guid id, HttpContext http, IRecordingStore store, IGrainFactory grains, PolicyRuntime policy)
    {
        var manifest = await store.GetManifestAsync(id, http.RequestAborted);
        if (manifest is null || !MayRead(http.Caller(), policy, manifest.Subject))
        {
            return NotFound(id);
        }
        var summary = await DescribeAsync(grains, id);
        var anchor = summary?.AnchorHash;
        var active = summary is not null && summary.CloseReason is null;
        // A live session has no seal yet: its chain so far is what can be verified.
        var result = await RecordingVerifier.VerifyAsync(store.ReadLinesAsync(id, http.RequestAborted), anchor, allowOpen: active, http.RequestAborted);
        var failure = result.Failure is { } f ? new FailureView(f.Line, f.Sequence, f.Reason) : null;
        return TypedResults.Ok(new VerifyView(
            result.Ok, id, result.Events, result.Sealed, result.Interrupted, result.AnchorHash, anchor is null ? "none" : "cluster", failure));
    }

    /// <summary>
    /// What the cluster knows of the session, or null while the silo holding it is unreachable (just lost,
    /// not yet declared dead): the stored recording can still be listed and read.
    /// </summary>
    private static async Task<SessionSummary?> DescribeAsync(IGrainFactory grains, Guid id)
    {
        try
        {
            return await grains.Session(id).DescribeAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException)
        {
            return null;
        }
    }

    private static bool MayRead(ApiCaller caller, PolicyRuntime policy, string subject) =>
        caller.LoopbackDeveloper || caller.Subject == subject || policy.Current.Approvals.IsApprover(caller.Groups);

    private static SessionView View(RecordingManifest manifest, SessionSummary? summary) => new(
        manifest.SessionId, manifest.Subject, manifest.Target, StatusName(manifest.Status), manifest.StartedAt, manifest.UpdatedAt,
        manifest.Lines, manifest.Parts, manifest.AnchorHash ?? summary?.AnchorHash,
        summary?.Role, summary?.Edge, summary?.ClientAddress, summary?.CloseReason);

    private static string StatusName(RecordingStatus status) => status switch
    {
        RecordingStatus.Open => "active",
        RecordingStatus.Sealed => "closed",
        _ => "interrupted",
    };

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"no recorded session {id} that you may see", statusCode: StatusCodes.Status404NotFound, title: "session not found");
}
