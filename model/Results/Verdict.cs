namespace Conformance.Model;

/// <summary>What a platform did with a claim (design.md, "A claim, end to end").</summary>
public enum Verdict
{
    /// <summary>What the FAQ says happened.</summary>
    Holds,

    /// <summary>Something else happened; passes only when the platform's expectation table documents it.</summary>
    Differs,

    /// <summary>The platform lacks the API the claim is about.</summary>
    Unsupported,

    /// <summary>This environment could not observe it (a capability is missing), with the reason.</summary>
    Inconclusive,

    /// <summary>The scenario itself broke: setup failed or a bounded wait ran out.</summary>
    Error,
}
