using EdTech.Domain.Assessments;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EdTech.Bff.Composition.OpenApi;

/// <summary>
/// An answer (<see cref="AnswerValue"/>) as it is on the wire (AnswerValueJsonConverter), not as the framework would guess
/// from the class: one of a string, an array of strings, a number, a boolean, or an object of strings (docs/item-types.md).
/// </summary>
internal sealed class OpenApiAnswerValueSchema : IOpenApiSchemaTransformer
{
    public const string Description =
        "An answer or answer key: a string (single-choice, short-text, essay), an array of strings (multi-choice, ordering, " +
        "fill-in-the-blanks), a number (numeric), a boolean (true-false) or an object mapping left sides to right sides (matching).";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type != typeof(AnswerValue))
        {
            return Task.CompletedTask;
        }

        schema.Type = null;
        schema.Properties?.Clear();
        schema.Required?.Clear();
        schema.Description = Description;
        schema.OneOf =
        [
            new OpenApiSchema { Type = JsonSchemaType.String },
            new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            new OpenApiSchema { Type = JsonSchemaType.Number },
            new OpenApiSchema { Type = JsonSchemaType.Boolean },
            new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } },
        ];
        return Task.CompletedTask;
    }
}
