using EdTech.Application.Content.Tagging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Tagging;

public static class TaggingServiceCollectionExtensions
{
    /// <summary>
    /// The tagging port for both hosts: the GenAI tagger (offline fallback) when an <see cref="IChatClient"/> is
    /// registered (OpenAI:Endpoint, or a test's), else the offline tagger. Decided when first resolved, so a chat
    /// client registered after this call still counts. The token budget's settings default unless registered before
    /// (the composition registers them from <c>Tagging:MonthlyTokenBudget</c>).
    /// </summary>
    public static IServiceCollection AddEdTechTagging(this IServiceCollection services)
    {
        services.AddSingleton<OfflineSkillTagger>();
        services.TryAddSingleton(TaggingBudgetSettings.Default);
        services.AddSingleton<TaggingTokenBudget>();
        services.AddSingleton<ISkillTagger>(sp => sp.GetServices<IChatClient>().FirstOrDefault() is { } chat
            ? new GenAiSkillTagger(chat, sp.GetRequiredService<OfflineSkillTagger>(), sp.GetRequiredService<OfflineSkillTagger>(),
                sp.GetRequiredService<TaggingTokenBudget>(), sp.GetRequiredService<ILogger<ItemTagger>>())
            : sp.GetRequiredService<OfflineSkillTagger>());
        return services;
    }
}
