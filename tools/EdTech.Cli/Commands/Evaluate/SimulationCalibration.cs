using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Simulation;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// The project's calibrators on generated logs: <see cref="IrtCalibrator"/> on the exam answers, <see cref="BktFitter"/>
/// per skill on the practice answers. A bootstrap draw refits on students resampled with replacement (Efron 1979), which
/// is how calibration uncertainty gets into the simulation's intervals (<see cref="ParameterDraw"/>).
/// </summary>
public static class SimulationCalibration
{
    public static ParameterDraw Fit(CourseModel course, IReadOnlyList<StudentData> students, IReadOnlyList<int> sample)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(sample);
        var responses = new List<IrtResponse>(sample.Count * course.Items.Count);
        for (var person = 0; person < sample.Count; person++)
        {
            var exam = students[sample[person]].Exam;
            for (var i = 0; i < exam.Count; i++)
            {
                responses.Add(new IrtResponse(person, i, exam[i]));
            }
        }

        var items = IrtCalibrator.Calibrate(responses, course.Items.Count, IrtCalibrationOptions.Default).Items;
        var skills = course.Skills.Select((skill, s) => (skill.Id, fit: BktFitter.Fit(
            sample.Select(p => (IReadOnlyList<bool>)students[p].Practice[s]).Where(a => a.Count > 0),
            BktFitOptions.Default).Parameters));
        return new ParameterDraw(
            course.Items.Select((item, i) => (item.Id, fit: items[i])).ToDictionary(x => x.Id, x => x.fit, StringComparer.Ordinal),
            skills.ToDictionary(x => x.Id, x => x.fit, StringComparer.Ordinal));
    }

    public static int[] Everyone(int students) => Enumerable.Range(0, students).ToArray();

    public static int[] Resample(int students, Synthetic data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Enumerable.Range(0, students).Select(_ => data.Next(students)).ToArray();
    }

    /// <summary>The course as calibration sees it: the true structure with the fitted parameters.</summary>
    public static CourseModel Apply(CourseModel course, ParameterDraw fit)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(fit);
        return course with
        {
            Items = course.Items.Select(i => i with { Parameters = fit.Items[i.Id] }).ToArray(),
            Skills = course.Skills.Select(s => s with { Parameters = fit.Skills[s.Id] }).ToArray(),
        };
    }
}
