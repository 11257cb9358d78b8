using System.Text.Json;
using System.Text.Json.Serialization;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Serialization;

/// <summary>
/// An answer is a JSON string, an array of strings, a number, a boolean (true-false) or an object of strings (matching: left →
/// right; a repeated left is refused). Pairs are written in ordinal order of the left side, so the stored form and the
/// idempotency hash (SubmissionBodyHash) do not depend on the order the client sent them in.
/// </summary>
public sealed class AnswerValueJsonConverter : JsonConverter<AnswerValue>
{
    public const int MaxPairs = 100;

    public override AnswerValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return AnswerValue.OfText(reader.GetString()!);
            case JsonTokenType.Number:
                return AnswerValue.OfNumber(reader.GetDecimal());
            case JsonTokenType.True:
            case JsonTokenType.False:
                return AnswerValue.OfBoolean(reader.GetBoolean());
            case JsonTokenType.StartObject:
                return ReadPairs(ref reader);
            case JsonTokenType.StartArray:
                var choices = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new JsonException("An answer array holds strings only.");
                    }

                    choices.Add(reader.GetString()!);
                }

                return AnswerValue.OfChoices(choices);
            default:
                throw new JsonException("An answer is a string, an array of strings, a number, a boolean or an object of strings.");
        }
    }

    private static AnswerValue ReadPairs(ref Utf8JsonReader reader)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var left = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("An answer object maps strings to strings.");
            }

            if (!pairs.TryAdd(left, reader.GetString()!) || pairs.Count > MaxPairs)
            {
                throw new JsonException($"An answer object has at most {MaxPairs} distinct keys.");
            }
        }

        return AnswerValue.OfPairs(pairs);
    }

    public override void Write(Utf8JsonWriter writer, AnswerValue value, JsonSerializerOptions options)
    {
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else if (value.Boolean is { } boolean)
        {
            writer.WriteBooleanValue(boolean);
        }
        else if (value.Pairs is { } pairs)
        {
            writer.WriteStartObject();
            foreach (var pair in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }
        else if (value.Choices is { } choices)
        {
            writer.WriteStartArray();
            foreach (var choice in choices)
            {
                writer.WriteStringValue(choice);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
