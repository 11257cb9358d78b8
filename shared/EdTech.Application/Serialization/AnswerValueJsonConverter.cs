using System.Text.Json;
using System.Text.Json.Serialization;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Serialization;

/// <summary>An answer is a JSON string, an array of strings, or a number.</summary>
public sealed class AnswerValueJsonConverter : JsonConverter<AnswerValue>
{
    public override AnswerValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return AnswerValue.OfText(reader.GetString()!);
            case JsonTokenType.Number:
                return AnswerValue.OfNumber(reader.GetDecimal());
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
                throw new JsonException("An answer is a string, an array of strings or a number.");
        }
    }

    public override void Write(Utf8JsonWriter writer, AnswerValue value, JsonSerializerOptions options)
    {
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
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
