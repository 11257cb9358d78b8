using System.Globalization;
using System.Reflection;
using System.Text;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Outbox;
using EdTech.Bff.Composition;
using EdTech.Orchestrations;

namespace EdTech.Cli.Commands.Docs.Diagrams;

/// <summary>
/// docs/architecture/diagrams/service-map.md (+ .svg) and service-map-routes.md: the HTTP role groups and their routes
/// (EdTechApi.RoleGroups with their AccessTable rows), the timers (ScheduledJobs), the change-feed handlers and the containers
/// they read (ChangeFeedCatalog), the orchestrations and their activities (OrchestrationCatalog) and the outbox, from the
/// catalogs both hosts read. Which activities an orchestrator calls and which handler or timer starts which orchestration are
/// in no catalog: they are read from the compiled code (<see cref="IlScan"/>, <see cref="CodeReach"/>).
/// </summary>
public sealed class ServiceMapGenerator : IDocGenerator
{
    public const string Slug = "service-map";
    public const string RoutesFile = DiagramPage.Folder + "/service-map-routes.md";
    public const string OutboxNode = "outbox_servicebus";

    public Task<IReadOnlyList<GeneratedDoc>> GenerateAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        using var composition = new Composition();
        var routes = composition.Routes();
        var graph = Build(composition, routes);
        var page = new DiagramPage(Slug, graph,
            "EdTechApi.RoleGroups and AccessTable (functions/EdTech.Bff), ScheduledJobs (functions/EdTech.Bff/Composition), ChangeFeedCatalog " +
            "(shared/EdTech.Application/ChangeFeed) and OrchestrationCatalog (orchestrations/EdTech.Orchestrations), with the calls between them read from the compiled code",
            [
                "**HTTP functions**: one box per role group (one HTTP function each in Azure, all of them in the LocalHost), with its route count; every route, method and access rule is in [service-map-routes.md](service-map-routes.md).",
                "**Timers**: each ScheduledJob with its default six-field cron schedule and the app setting that overrides it; an arrow to the orchestrations it starts.",
                "**Change feed**: each handler with its urgency (`Immediate` never held back at the peak, `Deferrable` may lag); an arrow from each container it reads, and to the orchestrations it starts or the outbox it publishes to.",
                "**Orchestrations**: one column per workflow area (the orchestrators' namespaces); solid arrows are the activities and sub-orchestrations an orchestrator calls.",
                "**Outbox**: notifications and integration events leave through the outbox publisher, the Service Bus topic in Azure (files in the data folder locally).",
                "Which containers a handler writes is not declared anywhere the generator can read; the handler's own documentation says it.",
            ]);
        IReadOnlyList<GeneratedDoc> docs = [.. page.Render(), new GeneratedDoc(RoutesFile, RoutesPage(routes))];
        return Task.FromResult(docs);
    }

    public static DiagramGraph Build(Composition composition, IReadOnlyList<MappedRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(composition);
        ArgumentNullException.ThrowIfNull(routes);
        var graph = new DiagramGraph("Service map");
        var reach = new CodeReach(composition);
        var orchestrators = OrchestrationCatalog.Orchestrators.ToDictionary(t => t.Name, StringComparer.Ordinal);

        graph.Group("http", "HTTP functions (role groups)");
        foreach (var role in routes.Select(r => r.Role).Distinct())
        {
            var count = routes.Count(r => r.Role == role);
            graph.Node(DiagramGraph.IdFor("role", role), "http", role, string.Create(CultureInfo.InvariantCulture, $"{count} routes"), $"/api/{role}/...");
        }

        graph.Group("timers", "Timers (ScheduledJobs)");
        foreach (var job in ScheduledJobs.All)
        {
            graph.Node(DiagramGraph.IdFor("timer", job.Name), "timers", job.Name, job.DefaultSchedule, job.ScheduleSetting);
        }

        graph.Group("containers", "Containers read by the change feed");
        foreach (var container in ChangeFeedCatalog.All.SelectMany(c => c.Containers).Distinct().Order(StringComparer.Ordinal))
        {
            graph.Node(DiagramGraph.IdFor("container", container), "containers", container);
        }

        graph.Group("feed", "Change-feed handlers (ChangeFeedCatalog)");
        foreach (var consumer in ChangeFeedCatalog.All)
        {
            var kind = consumer.Parts.Count > 0
                ? "parts, in order: " + string.Join(", ", consumer.Parts.Select(p => p.Name))
                : consumer.StartsDurableWork ? "starts durable work" : "projection / dispatch";
            graph.Node(DiagramGraph.IdFor("handler", consumer.Name), "feed", consumer.Name, consumer.Urgency.ToString(), kind);
        }

        var areas = OrchestrationCatalog.Orchestrators.Concat(OrchestrationCatalog.Activities).Select(Area).Distinct().Order(StringComparer.Ordinal);
        foreach (var area in areas)
        {
            graph.Group(DiagramGraph.IdFor("area", area), $"Orchestrations: {area}");
        }

        foreach (var type in OrchestrationCatalog.Orchestrators)
        {
            graph.Node(DiagramGraph.IdFor("orch", type.Name), DiagramGraph.IdFor("area", Area(type)), type.Name, "orchestrator");
        }

        foreach (var type in OrchestrationCatalog.Activities)
        {
            graph.Node(DiagramGraph.IdFor("act", type.Name), DiagramGraph.IdFor("area", Area(type)), type.Name, "activity");
        }

        graph.Group("integration", "Outbox");
        graph.Node(OutboxNode, "integration", "Outbox publisher", "Service Bus topic in Azure", "files in the data folder locally");

        foreach (var consumer in ChangeFeedCatalog.All)
        {
            foreach (var container in consumer.Containers.Order(StringComparer.Ordinal))
            {
                graph.Edge(DiagramGraph.IdFor("container", container), DiagramGraph.IdFor("handler", consumer.Name));
            }
        }

        var handlers = HandlerTypes(composition);
        foreach (var consumer in ChangeFeedCatalog.All)
        {
            if (!handlers.TryGetValue(consumer.Name, out var type))
            {
                throw new InvalidOperationException($"No registered change-feed handler class is named '{consumer.Name}'.");
            }

            var reached = reach.From(type);
            StartEdges(graph, DiagramGraph.IdFor("handler", consumer.Name), reached, orchestrators);
            if (reached.Dependencies.Contains(typeof(IOutboxPublisher)))
            {
                graph.Edge(DiagramGraph.IdFor("handler", consumer.Name), OutboxNode, "publishes");
            }
        }

        foreach (var job in ScheduledJobs.All)
        {
            foreach (var service in CodeReach.Resolved(job.RunAsync.Method))
            {
                foreach (var implementation in reach.Implementations(service))
                {
                    StartEdges(graph, DiagramGraph.IdFor("timer", job.Name), reach.From(implementation), orchestrators);
                }
            }
        }

        foreach (var type in OrchestrationCatalog.Orchestrators)
        {
            var literals = IlScan.Strings(type);
            foreach (var activity in OrchestrationCatalog.Activities.Where(a => literals.Contains(a.Name)))
            {
                graph.Edge(DiagramGraph.IdFor("orch", type.Name), DiagramGraph.IdFor("act", activity.Name));
            }

            foreach (var sub in OrchestrationCatalog.Orchestrators.Where(o => o != type && literals.Contains(o.Name)))
            {
                graph.Edge(DiagramGraph.IdFor("orch", type.Name), DiagramGraph.IdFor("orch", sub.Name), "sub-orchestration");
            }
        }

        return graph;
    }

    /// <summary>The orchestrator's or activity's workflow area: the last part of its namespace (Grading, Release, ...).</summary>
    public static string Area(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var ns = type.Namespace ?? string.Empty;
        return ns[(ns.LastIndexOf('.') + 1)..];
    }

    /// <summary>
    /// Every registered change-feed handler class by its catalog name. A handler's Name returns its ChangeFeedCatalog entry's
    /// name (read from the getter's IL, so no handler is constructed); the classes are the composition's IChangeFeedHandler
    /// registrations, by type or through the factory that resolves them.
    /// </summary>
    public static IReadOnlyDictionary<string, Type> HandlerTypes(Composition composition)
    {
        ArgumentNullException.ThrowIfNull(composition);
        var reach = new CodeReach(composition);
        var byName = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in reach.Implementations(typeof(IChangeFeedHandler)))
        {
            var getter = type.GetProperty(nameof(IChangeFeedHandler.Name))?.GetMethod;
            var entry = getter is null ? null : IlScan.Calls(getter).FirstOrDefault(m => m.DeclaringType == typeof(ChangeFeedCatalog) && m.Name.StartsWith("get_", StringComparison.Ordinal));
            if (entry is MethodInfo catalogGetter && catalogGetter.Invoke(null, null) is ChangeFeedConsumer consumer)
            {
                byName[consumer.Name] = type;
            }
        }

        return byName;
    }

    private static void StartEdges(DiagramGraph graph, string from, CodeReach.Reach reached, IReadOnlyDictionary<string, Type> orchestrators)
    {
        foreach (var name in reached.Strings.Where(orchestrators.ContainsKey).Order(StringComparer.Ordinal))
        {
            graph.Edge(from, DiagramGraph.IdFor("orch", name), "starts", EdgeStyle.Dotted);
        }
    }

    private static string RoutesPage(IReadOnlyList<MappedRoute> routes)
    {
        var text = new StringBuilder();
        text.Append("# Routes per role group\n\n");
        text.Append("Generated by `").Append(DocsCommand.GenerateCommand)
            .Append("` from EdTechApi.RoleGroups (each group mapped as the hosts map it) and each route's AccessTable row. Do not edit. ")
            .Append("The scopes are explained in [../../authorization.md](../../authorization.md); the diagram is [service-map.md](service-map.md).\n");
        foreach (var role in routes.Select(r => r.Role).Distinct())
        {
            var mine = routes.Where(r => r.Role == role).ToList();
            text.Append("\n## ").Append(role).Append(" (").Append(mine.Count.ToString(CultureInfo.InvariantCulture)).Append(" routes)\n\n");
            text.Append("| method | route | scope | roles |\n|---|---|---|---|\n");
            foreach (var route in mine)
            {
                text.Append("| ").Append(route.Method).Append(" | `").Append(DiagramPage.Cell(route.Pattern)).Append("` | ").Append(route.Rule.Scope.ToString())
                    .Append(" | ").Append(DiagramPage.Cell(string.Join(", ", route.Rule.Roles))).Append(" |\n");
            }
        }

        return text.ToString();
    }
}
