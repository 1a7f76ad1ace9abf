using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;

namespace Conformance.Harness.Tests.Results;

public sealed class ResultsFileTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("conformance-results-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static ClaimResult Result(string id, string value = "0") => new()
    {
        Id = id,
        Faq = Catalogue.Default[id].Faq,
        Verdict = Verdict.Holds,
        Observed = new() { ["read#1"] = value },
    };

    [Test]
    public void ClaimsAreMergedInCatalogueOrderAndAClaimRunTwiceAppearsOnce()
    {
        var path = Path.Combine(_dir, "p.json");
        ResultsStore.Record(Result("tcp.sigpipe"), ThisPlatform.Info, path, Catalogue.Default);
        ResultsStore.Record(Result("tcp.short-write"), ThisPlatform.Info, path, Catalogue.Default);
        ResultsStore.Record(Result("tcp.sigpipe", "again"), ThisPlatform.Info, path, Catalogue.Default);

        var file = ResultsFile.Load(path);
        Assert.That(file.Claims.Select(c => c.Id), Is.EqualTo(new[] { "tcp.short-write", "tcp.sigpipe" }));
        Assert.That(file.Claims[1].Observed["read#1"], Is.EqualTo("again"));
    }

    [Test]
    public void AnotherRunStartsTheFileAfreshAndTheSameRunMergesIntoIt()
    {
        var path = Path.Combine(_dir, "p.json");
        ResultsStore.Record(Result("tcp.sigpipe"), ThisPlatform.Info, path, Catalogue.Default, "run-1");
        ResultsStore.Record(Result("tcp.short-write"), ThisPlatform.Info, path, Catalogue.Default, "run-1");
        Assert.That(ResultsFile.Load(path).Claims.Select(c => c.Id), Is.EqualTo(new[] { "tcp.short-write", "tcp.sigpipe" }));

        ResultsStore.Record(Result("tcp.oob"), ThisPlatform.Info, path, Catalogue.Default, "run-2");
        ResultsStore.Record(Result("tcp.sigpipe"), ThisPlatform.Info, path, Catalogue.Default, "run-2");
        Assert.That(ResultsFile.Load(path).Claims.Select(c => c.Id), Is.EqualTo(new[] { "tcp.sigpipe", "tcp.oob" }), "run-2 keeps nothing of run-1");
    }

    [Test]
    public void ConcurrentWritersLoseNothing()
    {
        var path = Path.Combine(_dir, "p.json");
        var ids = Catalogue.Default.Claims.Select(c => c.Id).Take(24).ToList();
        Parallel.ForEach(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            id => ResultsStore.Record(Result(id), ThisPlatform.Info, path, Catalogue.Default));

        Assert.That(ResultsFile.Load(path).Claims.Select(c => c.Id), Is.EqualTo(ids));
        Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "p.json", "p.json.lock" }), "no temporary file left behind");
    }

    [Test]
    public void ATruncatedFileIsAOneLineErrorNamingIt()
    {
        var path = Path.Combine(_dir, "cut.json");
        File.WriteAllText(path, "{\"schema\": \"conformance-results/1\", \"claims\": [");
        var error = Assert.Throws<ResultsFormatException>(() => ResultsFile.Load(path))!;
        Assert.That(error.Message, Does.StartWith(path + ": not valid conformance-results/1 JSON"));
        Assert.That(error.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void AnotherSchemaIsRejected()
    {
        var path = Path.Combine(_dir, "old.json");
        File.WriteAllText(path, "{\"schema\": \"conformance-results/0\", \"platform\": {\"id\": \"x\", \"os\": \"linux\", \"osVersion\": \"1\", \"runtime\": \"r\", \"arch\": \"x64\", \"user\": \"u\"}, \"startedAt\": \"2026-01-01T00:00:00Z\", \"claims\": []}");
        Assert.That(() => ResultsFile.Load(path), Throws.TypeOf<ResultsFormatException>().With.Message.Contains("schema is 'conformance-results/0'"));
    }

    [Test]
    public void ThisPlatformHasAnIdOfItsFamily() =>
        Assert.That(ThisPlatform.Info.Id, Does.Match("^(linux-[a-z0-9.-]+|macos-[0-9]+|windows-[0-9]+|wine-[0-9.]+|freebsd-[0-9]+)-(x64|arm64|x86|arm)(-container)?$"));
}
