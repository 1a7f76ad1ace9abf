// Compiled into every test project (tests/Directory.Build.props). Claims run one at a time in a process:
// several of them time things or fill buffers, and a neighbour's traffic on loopback would be noise.
[assembly: NUnit.Framework.NonParallelizable]
