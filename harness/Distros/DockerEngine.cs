using Docker.DotNet;

namespace Conformance.Harness.Distros;

/// <summary>The Docker engine the distro columns run on, and the environment Testcontainers needs on this
/// kind of machine: the engine may be older than the API Testcontainers asks for (Docker 20.10 speaks 1.41),
/// and the reaper image cannot be pulled without a registry. Set before any Testcontainers type loads.</summary>
public static class DockerEngine
{
    public const string HowToEnable =
        "start a Docker engine (e.g. `dockerd --bridge=none --iptables=false --ip-masq=false &`); on Docker older than 25 set DOCKER_API_VERSION=1.41";

    public static void PrepareEnvironment()
    {
        SetDefault("DOCKER_API_VERSION", "1.41");
        SetDefault("TESTCONTAINERS_RYUK_DISABLED", "true");
    }

    private static void SetDefault(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public static Uri Endpoint => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? new Uri(host) : new Uri("unix:///var/run/docker.sock");

    public static DockerClient Client() => new DockerClientBuilder()
        .WithEndpoint(Endpoint)
        .WithApiVersion(new Version(Environment.GetEnvironmentVariable("DOCKER_API_VERSION") ?? "1.41"))
        .Build();

    /// <summary>Why no engine answers, or null when one does.</summary>
    public static string? Unavailable()
    {
        if (Endpoint.Scheme == "unix" && !File.Exists(Endpoint.AbsolutePath))
        {
            return $"no Docker engine at {Endpoint}: {HowToEnable}";
        }

        try
        {
            using var client = Client();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            client.System.PingAsync(timeout.Token).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return $"the Docker engine at {Endpoint} does not answer ({e.GetType().Name}: {e.Message.Split('\n')[0]}): {HowToEnable}";
        }
    }
}
