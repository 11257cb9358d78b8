using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Domain.Simulation;

/// <summary>One parameter draw as arrays: 2PL per union item, BKT per skill (the proposal's added items keep their prior).</summary>
internal sealed class DrawParameters
{
    public DrawParameters(IReadOnlyList<SimulatedItem> unionItems, IReadOnlyList<SimulatedSkill> skills, ParameterDraw? draw)
    {
        Discrimination = new double[unionItems.Count];
        Difficulty = new double[unionItems.Count];
        for (var i = 0; i < unionItems.Count; i++)
        {
            var item = draw?.Items.GetValueOrDefault(unionItems[i].Id) ?? unionItems[i].Parameters;
            (Discrimination[i], Difficulty[i]) = (item.Discrimination, item.Difficulty);
        }

        Skills = skills.Select(s => draw?.Skills.GetValueOrDefault(s.Id) ?? s.Parameters).ToArray();
    }

    public double[] Discrimination { get; }

    public double[] Difficulty { get; }

    public BktParameters[] Skills { get; }
}
