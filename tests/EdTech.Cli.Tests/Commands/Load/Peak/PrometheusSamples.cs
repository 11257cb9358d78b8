namespace EdTech.Cli.Tests.Commands.Load.Peak;

/// <summary>Scrapes shaped like the OpenTelemetry Prometheus exporter's output (scope labels, unit suffixes, timestamps).</summary>
internal static class PrometheusSamples
{
    public const string Before = """
        # TYPE target info
        # HELP target Target metadata
        target_info{service_name="edtech-localhost",telemetry_sdk_language="dotnet"} 1
        # TYPE edtech_store_writes_total counter
        # HELP edtech_store_writes_total Store writes
        edtech_store_writes_total{otel_scope_name="EdTech",edtech_store_container="submissions",edtech_store_op="create"} 100 1733520000000
        edtech_store_writes_total{otel_scope_name="EdTech",edtech_store_container="submissions",edtech_store_op="replace"} 50 1733520000000
        edtech_store_writes_total{otel_scope_name="EdTech",edtech_store_container="users",edtech_store_op="create"} 2001 1733520000000
        # TYPE edtech_changefeed_changes_total counter
        edtech_changefeed_changes_total{otel_scope_name="EdTech",edtech_changefeed_handler="start-grading",edtech_changefeed_outcome="handled"} 10 1733520000000
        # TYPE edtech_durable_orchestration_work_items_total counter
        edtech_durable_orchestration_work_items_total{otel_scope_name="EdTech.Durable"} 7 1733520000000
        # TYPE edtech_submission_released_duration_seconds histogram
        edtech_submission_released_duration_seconds_bucket{otel_scope_name="EdTech",le="0"} 0 1733520000000
        edtech_submission_released_duration_seconds_bucket{otel_scope_name="EdTech",le="+Inf"} 3 1733520000000
        edtech_submission_released_duration_seconds_sum{otel_scope_name="EdTech"} 1.5 1733520000000
        edtech_submission_released_duration_seconds_count{otel_scope_name="EdTech"} 3 1733520000000
        """;

    /// <summary>1,000 submissions later: 3 submission writes and 1 audit write each; a consumer whose first batch came during the run.</summary>
    public const string After = """
        # TYPE edtech_store_writes_total counter
        edtech_store_writes_total{otel_scope_name="EdTech",edtech_store_container="submissions",edtech_store_op="create"} 1100 1733520060000
        edtech_store_writes_total{otel_scope_name="EdTech",edtech_store_container="submissions",edtech_store_op="replace"} 2050 1733520060000
        edtech_store_writes_total{otel_scope_name="EdTech",edtech_store_container="users",edtech_store_op="create"} 2001 1733520060000
        edtech_store_writes_total{otel_scope_name="EdTech",edtech_store_container="audit",edtech_store_op="create"} 1000 1733520060000
        # TYPE edtech_changefeed_changes_total counter
        edtech_changefeed_changes_total{otel_scope_name="EdTech",edtech_changefeed_handler="start-grading",edtech_changefeed_outcome="handled"} 1010 1733520060000
        edtech_changefeed_changes_total{otel_scope_name="EdTech",edtech_changefeed_handler="submission-projection",edtech_changefeed_outcome="handled"} 1990 1733520060000
        edtech_changefeed_changes_total{otel_scope_name="EdTech",edtech_changefeed_handler="submission-projection",edtech_changefeed_outcome="poisoned"} 10 1733520060000
        # TYPE edtech_durable_orchestration_work_items_total counter
        edtech_durable_orchestration_work_items_total{otel_scope_name="EdTech.Durable"} 3007 1733520060000
        """;
}
