using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// The part of GitHub's REST API the action's pull-request comment uses (list, create and update
/// issue comments), served on a local port so the action's real curl calls can be checked.
/// </summary>
internal sealed class FakeGitHubApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<long, string> _comments = [];
    private readonly Task _serving;

    public FakeGitHubApi()
    {
        Url = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Every request: method, path and query, the Authorization header and the body.</summary>
    public List<(string Method, string Path, string? Authorization, string Body)> Requests { get; } = [];

    public IReadOnlyDictionary<long, string> Comments => _comments;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.PathAndQuery;
            lock (Requests)
            {
                Requests.Add((context.Request.HttpMethod, path, context.Request.Headers["Authorization"], body));
            }

            var (status, response) = Handle(context.Request.HttpMethod, context.Request.Url.AbsolutePath, body);
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(response);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Handle(string method, string path, string body)
    {
        var segments = path.Trim('/').Split('/');
        switch (method, segments)
        {
            case ("GET", ["repos", _, _, "issues", _, "comments"]):
                return (200, new JsonArray([.. _comments.Select(c => new JsonObject { ["id"] = c.Key, ["body"] = c.Value })]).ToJsonString());
            case ("POST", ["repos", _, _, "issues", _, "comments"]):
                var id = 1000L + _comments.Count;
                _comments[id] = Text(body);
                return (201, new JsonObject { ["id"] = id }.ToJsonString());
            case ("PATCH", ["repos", _, _, "issues", "comments", var existing]) when _comments.ContainsKey(long.Parse(existing, System.Globalization.CultureInfo.InvariantCulture)):
                _comments[long.Parse(existing, System.Globalization.CultureInfo.InvariantCulture)] = Text(body);
                return (200, "{}");
            default:
                return (404, "{\"message\":\"Not Found\"}");
        }
    }

    private static string Text(string body) => JsonDocument.Parse(body).RootElement.GetProperty("body").GetString()!;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
