namespace Meridian.Telemetry.Audit;

/// <summary>One step of the audit. Phases run in order and read what earlier phases left in the <see cref="AuditContext"/>.</summary>
internal interface IAuditPhase
{
    string Title { get; }

    /// <summary>Gets the number of progress steps <see cref="Run"/> reports.</summary>
    int Steps { get; }

    AuditSection Run(AuditContext context, Action advance);
}
