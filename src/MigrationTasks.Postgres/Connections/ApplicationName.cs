using System.Text;

namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// An application_name that fits PostgreSQL's limit (NAMEDATALEN - 1 = 63 bytes, longer ones are cut by the
/// server): cut here on a character boundary, so pg_stat_activity and our messages show the same valid text.
/// </summary>
internal static class ApplicationName
{
    private const int LimitBytes = 63;

    public static string Fit(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= LimitBytes)
        {
            return name;
        }

        var fitted = new StringBuilder();
        var bytes = 0;
        // By text element, so neither a surrogate pair nor a combined character is split.
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(name);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            bytes += Encoding.UTF8.GetByteCount(element);
            if (bytes > LimitBytes)
            {
                break;
            }

            fitted.Append(element);
        }

        return fitted.ToString();
    }
}
