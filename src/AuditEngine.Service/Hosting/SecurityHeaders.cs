using AuditEngine.Service.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace AuditEngine.Service.Hosting;

/// <summary>
/// Headers every answer carries, and a JSON error body for every 4xx/5xx that has none (the framework answers 401,
/// 403, 404, 405 and 413 with an empty body: a script or the dashboard would see no reason).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The dashboard loads its modules, styles and images from this origin only; no inline script, no plugins,
    /// not framable. An endpoint that sets its own policy (the HTML report) keeps it.
    /// </summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = DashboardPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// Turns a request the server refused before any endpoint ran (body over the limit, bad framing) into its status
    /// with a JSON reason, and fills empty error answers with one.
    /// </summary>
    public static IApplicationBuilder UseJsonErrors(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = e.StatusCode;
                await context.Response.WriteAsJsonAsync(new ErrorDto(Message(e.StatusCode)));
            }
        });
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            if (response.ContentLength is > 0 || response.ContentType is not null) return;
            await response.WriteAsJsonAsync(new ErrorDto(Message(response.StatusCode)));
        });
        return app;
    }

    public static string Message(int status) => status switch
    {
        400 => "请求无效 bad request",
        401 => "请先登录，或提供有效的 API 密钥 log in or send a valid API key",
        403 => "当前角色无权执行此操作 your role may not do this",
        404 => "没有这个接口或资源 not found",
        405 => "此接口不支持该请求方法 method not allowed",
        408 => "请求超时 request timed out",
        411 => "缺少请求长度 length required",
        413 => "上传内容过大，超过批次上限 request body too large",
        415 => "不支持的内容类型 unsupported media type",
        429 => "请求过于频繁，请稍后再试 too many requests",
        >= 500 => "服务器内部错误 internal error",
        _ => $"请求被拒绝（{status}） request refused",
    };
}
