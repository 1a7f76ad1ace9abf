using Conformance.Harness.Runs;

namespace Conformance.Harness.Tests.Runs;

/// <summary>Where the cache goes: a hosted runner's user cannot write /var/cache, so the first writable default is
/// used; a folder the user named that cannot be written is one line saying so and what to set.</summary>
public sealed class CacheFolderTests
{
    private string _dir = "";

    [SetUp]
    public void Make() => _dir = Directory.CreateTempSubdirectory("conformance-cache-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    /// <summary>A file where a folder should be: no user, root included, can make a folder under it.</summary>
    private string Unwritable()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        return Path.Combine(file, "cache");
    }

    [Test]
    public void TheFirstWritableDefaultIsUsed()
    {
        var user = Path.Combine(_dir, "user", "conformance");
        Assert.That(CacheFolder.For(null, [Unwritable(), user]), Is.EqualTo(user));
        Assert.That(Directory.Exists(user), "made, ready for the payload");
        Assert.That(Directory.GetFiles(user), Is.Empty, "the write probe is gone");
    }

    [Test]
    public void AChosenFolderIsUsedAsGiven()
    {
        var chosen = Path.Combine(_dir, "chosen");
        Assert.That(CacheFolder.For(chosen, [Unwritable()]), Is.EqualTo(chosen));
    }

    [Test]
    public void AChosenFolderThatCannotBeWrittenIsOneLineNamingTheSetting()
    {
        var error = Assert.Throws<BadInputException>(() => CacheFolder.For(Unwritable(), [Path.Combine(_dir, "fine")]))!;
        Assert.That(error.Message, Does.Contain("cannot be written").And.Contain($"set {RunContract.Cache} to a folder you can write").And.Not.Contain('\n'));
    }

    [Test]
    public void NoWritableDefaultIsOneLineNamingEachAndTheSetting()
    {
        var error = Assert.Throws<BadInputException>(() => CacheFolder.For(null, [Unwritable()]))!;
        Assert.That(error.Message, Does.StartWith("no cache folder can be written").And.Contain(RunContract.Cache).And.Not.Contain('\n'));
    }
}
