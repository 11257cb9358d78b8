using System.Globalization;
using System.Text;
using System.Xml;

namespace EdTech.Application.Common;

/// <summary>
/// The root every server-rendered chart shares (heatmaps, simulation results): an <c>svg</c> element of the given size with a
/// matching viewBox, sans-serif text, <c>role="img"</c> and the title as its accessible name; <paramref name="body"/> writes the rest.
/// </summary>
public static class SvgDocument
{
    public static string Write(int width, int height, int fontSize, string title, Action<XmlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            w.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            w.WriteAttributeString("width", width.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("height", height.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {width} {height}"));
            w.WriteAttributeString("font-family", "sans-serif");
            w.WriteAttributeString("font-size", fontSize.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("role", "img");
            w.WriteElementString("title", title);
            body(w);
            w.WriteEndElement();
        }

        return text.ToString();
    }
}
