using System.Security.Cryptography;
using System.Text;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// What a tagger reads of an item, hashed: type, prompt, choices and answer key. Skills are left out on purpose, so
/// accepting a suggestion (which changes only the item's skills, in a new assessment version) leaves the hash as it was
/// and the item is not tagged again: the loop guard. Points, tolerance and the assessment's other fields are left out too.
/// </summary>
public static class ItemContentHash
{
    public static string Of(AssessmentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var content = TypedDocumentStore.Serialize(new { item.Type, item.Prompt, Choices = item.Choices ?? [], item.Answer });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32];
    }
}
