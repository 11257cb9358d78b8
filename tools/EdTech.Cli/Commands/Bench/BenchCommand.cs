using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Simulation;

namespace EdTech.Cli.Commands.Bench;

/// <summary>
/// `edtech bench simulation --students 100000 --items 40`: wall time of one whole simulation (plan, all students on the
/// thread pool, summary) on a synthetic course, after one small untimed run for JIT. Prints one JSON object with the
/// machine's processor count and 1-minute load average, because on a shared machine the figure means little without it.
/// </summary>
public static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(TextWriter? output = null) => new("bench", "In-process benchmarks") { Simulation(output ?? Console.Out), Analytics(output ?? Console.Out) };

    public static SimulationBenchReport Run(int students, int items, int skills, int seed)
    {
        var (model, change) = Course(items, skills);
        Simulate(model, change, Math.Min(students, 2000), seed);
        var clock = Stopwatch.StartNew();
        var summary = Simulate(model, change, students, seed);
        var seconds = clock.Elapsed.TotalSeconds;
        return new SimulationBenchReport(
            students, items, skills, Math.Round(seconds * 1000, 1), Math.Round(students / seconds), Environment.ProcessorCount, LoadAverage(),
            Math.Round(summary.Delta.MeanScore.Mean, 5));
    }

    private static Command Simulation(TextWriter output)
    {
        var students = new Option<int>("--students") { DefaultValueFactory = _ => 100_000, Description = "Simulated students" };
        var items = new Option<int>("--items") { DefaultValueFactory = _ => 40, Description = "Items in the course" };
        var skills = new Option<int>("--skills") { DefaultValueFactory = _ => 8, Description = "Skills (8 practice opportunities each)" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var command = new Command("simulation", "Curriculum-change simulation throughput (students/s)") { students, items, skills, seed };
        AtLeast(students, 2, CurriculumSimulation.MaxStudents);
        AtLeast(items, 2, 10_000);
        AtLeast(skills, 1, 1_000);
        command.SetAction(parse =>
        {
            output.WriteLine(JsonSerializer.Serialize(Run(parse.GetValue(students), parse.GetValue(items), parse.GetValue(skills), parse.GetValue(seed)), Json));
            return 0;
        });
        return command;
    }

    /// <summary>`edtech bench analytics`: heatmap and usage reads on a seeded SQLite course (<see cref="AnalyticsBench"/>).</summary>
    private static Command Analytics(TextWriter output)
    {
        var students = new Option<int>("--students") { DefaultValueFactory = _ => 1000, Description = "Students in the course" };
        var items = new Option<int>("--items") { DefaultValueFactory = _ => 200, Description = "Items (in assessments of 20)" };
        var sections = new Option<int>("--sections") { DefaultValueFactory = _ => 30, Description = "Sections (the item × section columns)" };
        var weeks = new Option<int>("--weeks") { DefaultValueFactory = _ => 15, Description = "Weeks of mastery and activity per student" };
        var skills = new Option<int>("--skills") { DefaultValueFactory = _ => 20 };
        var modules = new Option<int>("--modules") { DefaultValueFactory = _ => 10 };
        var reads = new Option<int>("--reads") { DefaultValueFactory = _ => 100, Description = "Timed reads per measurement" };
        var data = new Option<string?>("--data") { Description = "Folder for the SQLite file (kept); a temporary folder otherwise" };
        var command = new Command("analytics", "Heatmap (each kind) and usage read p50/p99 and SVG render time on a seeded course") { students, items, sections, weeks, skills, modules, reads, data };
        AtLeast(students, 1, 100_000);
        AtLeast(items, 1, 2_000);
        AtLeast(sections, 1, 200);
        AtLeast(weeks, 1, 104);
        AtLeast(skills, 1, 1_000);
        AtLeast(modules, 1, 200);
        AtLeast(reads, 1, 100_000);
        command.SetAction(async (parse, ct) =>
        {
            var report = await AnalyticsBench.RunAsync(new AnalyticsBenchOptions(parse.GetValue(students), parse.GetValue(items), parse.GetValue(sections), parse.GetValue(weeks),
                parse.GetValue(skills), parse.GetValue(modules), parse.GetValue(reads), parse.GetValue(data)), ct);
            output.WriteLine(JsonSerializer.Serialize(report, Json));
            return 0;
        });
        return command;
    }

    private static void AtLeast(Option<int> option, int min, int max) => option.Validators.Add(r =>
    {
        if (r.GetValueOrDefault<int>() is var value && (value < min || value > max))
        {
            r.AddError($"{option.Name} must be between {min} and {max}.");
        }
    });

    private static SimulationSummary Simulate(CourseModel model, CourseChange change, int students, int seed)
    {
        var plan = CurriculumSimulation.Prepare(model, change, SimulationPriors.Default).Plan!;
        return plan.Summarise(plan.RunParallel(seed, students));
    }

    /// <summary>Skills in modules of two with a chain of prerequisites; the change removes two items and adds practice to one skill.</summary>
    private static (CourseModel Model, CourseChange Change) Course(int items, int skills)
    {
        var random = new Random(items * 31 + skills);
        var skillModels = Enumerable.Range(0, skills)
            .Select(s => new SimulatedSkill($"s{s}", new BktParameters(0.2 + (0.3 * random.NextDouble()), 0.05 + (0.2 * random.NextDouble()), 0.1, 0.2), 8))
            .ToArray();
        var itemModels = Enumerable.Range(0, items)
            .Select(i => new SimulatedItem($"exam/q{i}", [$"s{i % skills}"], new IrtItem(0.7 + (0.6 * random.NextDouble()), (4 * random.NextDouble()) - 2)))
            .ToArray();
        var prerequisites = Enumerable.Range(1, skills - 1).ToDictionary(s => $"s{s}", s => (IReadOnlyList<string>)[$"s{s - 1}"]);
        var modules = Enumerable.Range(0, (skills + 1) / 2).Select(m => new CourseModule($"m{m}", Enumerable.Range(2 * m, Math.Min(2, skills - (2 * m))).Select(s => $"s{s}").ToArray())).ToArray();
        var model = new CourseModel(itemModels, skillModels, prerequisites, modules);
        return (model, new CourseChange(RemoveItems: ["exam/q0", "exam/q1"], PracticePerSkill: new Dictionary<string, int> { ["s0"] = 16 }));
    }

    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : null;
}

public sealed record SimulationBenchReport(
    int Students, int Items, int Skills, double WallMs, double StudentsPerSecond, int Processors, double? LoadAverage1m, double MeanScoreDelta);
