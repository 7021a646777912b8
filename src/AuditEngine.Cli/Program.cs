using AuditEngine.Cli;

return CliApp.Run(args, CliConsole.System);
