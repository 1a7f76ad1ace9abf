namespace Conformance.Model;

/// <summary>Input that cannot be used (an option, a configuration file, a results file): the message says in one
/// line what is wrong and what to do. The command line prints it and exits 2; nothing else catches it.</summary>
public class BadInputException(string message) : Exception(message);
