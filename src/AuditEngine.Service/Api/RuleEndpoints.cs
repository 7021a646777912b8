using AuditEngine.Reports;
using AuditEngine.Rules;
using AuditEngine.Service.Access;
using AuditEngine.Service.Processing;
using AuditEngine.Service.Scheduling;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

public static class RuleEndpoints
{
    public static void MapRuleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/rules", (HttpContext http, IFindingStore findingStore, RuleSetProvider rules) =>
        {
            var set = rules.Current;
            var hits = findingStore.CountFindingsByRule(http.User.Caller().OrganisationId);
            return Results.Ok(new { version = set.Version, rules = set.Rules.Select(r => Dto(r, hits)).ToList() });
        }).RequireAuthorization(AccessPolicies.Read).WithTags("rules").WithSummary("规则目录 The rule catalogue with hit counts");

        app.MapGet("/api/rules/{id}", (string id, HttpContext http, IFindingStore findingStore, RuleSetProvider rules) =>
        {
            var rule = rules.Current.Rules.FirstOrDefault(r => r.Id == id);
            if (rule is null) return BatchEndpoints.NotFound("规则");
            var hits = findingStore.CountFindingsByRule(http.User.Caller().OrganisationId);
            return Results.Ok(Dto(rule, hits) with { Json = rule.Json });
        }).RequireAuthorization(AccessPolicies.Read).WithTags("rules").WithSummary("规则详情 One rule and its JSON");

        var sweeps = app.MapGroup("/api/sweeps").WithTags("sweeps").RequireAuthorization(AccessPolicies.Admin);
        sweeps.MapPost("/reaudit", async (ReauditSweepJob sweep, CancellationToken ct) =>
            Results.Json(new { queued = await sweep.Run(ct) }, statusCode: 202))
            .WithSummary("重新审核 Re-audit documents made with another rule-set version, now");
        sweeps.MapPost("/inbox", async (InboxSweepJob sweep, CancellationToken ct) =>
        {
            var (batchId, files) = await sweep.Run(ct);
            return Results.Json(new { batchId, files }, statusCode: 202);
        }).WithSummary("收件箱 Take the inbox folder's files into a batch, now");
    }

    private static readonly string[] SeverityNames = ["error", "warning", "info"];

    private static RuleDto Dto(RuleDefinition r, IReadOnlyDictionary<string, int> hits)
    {
        var plain = SeverityNames.Contains(r.Severity);
        // An expression names its possible outcomes as string literals; the first in error → info order is the worst.
        var worst = plain ? r.Severity : SeverityNames.FirstOrDefault(n => r.Severity.Contains($"'{n}'")) ?? "error";
        return new RuleDto(r.Id, r.Id, r.Category, ReportText.CategoryChinese(r.Category), worst, plain ? null : r.Severity,
            r.Title, r.Description, r.File, r.Enabled, hits.GetValueOrDefault(r.Id));
    }
}
