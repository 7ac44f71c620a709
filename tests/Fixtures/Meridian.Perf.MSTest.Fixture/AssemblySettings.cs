// MSTest's parallel mode, as the `dotnet new mstest` template sets it: every test method may run beside any other.
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.MethodLevel)]
