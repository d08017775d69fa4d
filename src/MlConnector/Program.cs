// ml-connector: one executable for the service and its command line. The verbs are listed in Cli/Verbs.cs, each in its
// own file; the service itself is assembled in Hosting/ConnectorHost.cs.
return await MlConnector.Cli.CommandLine.InvokeAsync(args);
