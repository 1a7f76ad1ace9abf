namespace Conformance.Harness.Tests;

/// <summary>Something a test needs that this machine lacks (a browser, a C compiler, network namespaces, the shared
/// folder): under .ci/run (RunContract.Strict), which provides all of them, a failure; elsewhere a skip saying why.</summary>
internal static class Prerequisite
{
    /// <summary>Fails or skips the test; it never returns, and its type lets a caller write <c>throw Missing(...)</c>
    /// where the compiler wants a value.</summary>
    public static Exception Missing(string why, string underCi)
    {
        if (RunContract.IsSet(RunContract.Strict))
        {
            Assert.Fail($"{why}; {underCi}");
        }

        Assert.Ignore(why);
        return new InvalidOperationException("unreachable: Assert.Ignore throws");
    }
}
