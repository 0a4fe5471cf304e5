namespace MedSummary.Samples.Generation;

/// <summary>
/// Simplified AJCC 8th-edition anatomic stage groups and T categories, enough for the synthetic histories to be
/// plausible (the truth is what the documents say, so exactness matters less than consistency).
/// </summary>
internal static class Staging
{
    public static string BreastT(double sizeMm) => sizeMm switch
    {
        <= 1 => "T1mi",
        <= 5 => "T1a",
        <= 10 => "T1b",
        <= 20 => "T1c",
        <= 50 => "T2",
        _ => "T3",
    };

    public static string BreastPathologicN(int involved, bool micro) => involved switch
    {
        0 => micro ? "N1mi" : "N0",
        <= 3 => "N1a",
        <= 9 => "N2a",
        _ => "N3a",
    };

    public static string BreastStage(string t, string n, string m)
    {
        if (m.StartsWith("M1", StringComparison.Ordinal))
        {
            return "IV";
        }

        var tn = T(t);
        var nn = N(n);
        if (n.StartsWith("N3", StringComparison.Ordinal))
        {
            return "IIIC";
        }

        if (tn == 4)
        {
            return "IIIB";
        }

        if (nn == 2 || (tn == 3 && nn == 1))
        {
            return "IIIA";
        }

        if (n == "N1mi" && tn <= 1)
        {
            return "IB";
        }

        return (tn, nn) switch
        {
            ( <= 1, 0) => "IA",
            ( <= 1, 1) => "IIA",
            (2, 0) => "IIA",
            (2, 1) => "IIB",
            (3, 0) => "IIB",
            _ => "IIIA",
        };
    }

    public static string LungT(double sizeMm) => sizeMm switch
    {
        <= 10 => "T1a",
        <= 20 => "T1b",
        <= 30 => "T1c",
        <= 40 => "T2a",
        <= 50 => "T2b",
        <= 70 => "T3",
        _ => "T4",
    };

    public static string LungStage(string t, string n, string m)
    {
        if (m == "M1c")
        {
            return "IVB";
        }

        if (m.StartsWith("M1", StringComparison.Ordinal))
        {
            return "IVA";
        }

        var nn = N(n);
        var tn = T(t);
        if (nn == 0)
        {
            return t switch
            {
                "T1a" => "IA1",
                "T1b" => "IA2",
                "T1c" => "IA3",
                "T2a" => "IB",
                "T2b" => "IIA",
                "T3" => "IIB",
                _ => "IIIA",
            };
        }

        return (tn, nn) switch
        {
            ( <= 2, 1) => "IIB",
            ( <= 2, 2) => "IIIA",
            (_, 1) => "IIIA",
            ( <= 2, 3) => "IIIB",
            (_, 2) => "IIIB",
            _ => "IIIC",
        };
    }

    public static string ColorectalN(int involved) => involved switch
    {
        0 => "N0",
        1 => "N1a",
        <= 3 => "N1b",
        <= 6 => "N2a",
        _ => "N2b",
    };

    public static string ColorectalStage(string t, string n, string m)
    {
        switch (m)
        {
            case "M1a":
                return "IVA";
            case "M1b":
                return "IVB";
            case "M1c":
                return "IVC";
        }

        var tn = T(t);
        if (n == "N0")
        {
            return t switch
            {
                "T4a" => "IIB",
                "T4b" => "IIC",
                "T3" => "IIA",
                _ => "I",
            };
        }

        var n2b = n == "N2b";
        var n2 = n.StartsWith("N2", StringComparison.Ordinal);
        if (t == "T4b" || (t == "T4a" && n2) || (tn == 3 && n2b))
        {
            return "IIIC";
        }

        if (!n2)
        {
            return tn <= 2 ? "IIIA" : "IIIB";
        }

        if (tn == 1 && !n2b)
        {
            return "IIIA";
        }

        return "IIIB";
    }

    public static string ProstateStage(string t, string n, string m, double psa, int gradeGroup)
    {
        if (m.StartsWith("M1", StringComparison.Ordinal))
        {
            return "IVB";
        }

        if (n == "N1")
        {
            return "IVA";
        }

        if (gradeGroup == 5)
        {
            return "IIIC";
        }

        if (t.StartsWith("T3", StringComparison.Ordinal) || t.StartsWith("T4", StringComparison.Ordinal))
        {
            return "IIIB";
        }

        if (psa >= 20)
        {
            return "IIIA";
        }

        return gradeGroup switch
        {
            1 when psa < 10 && t is "T1c" or "T2a" => "I",
            1 => "IIA",
            2 => "IIB",
            _ => "IIC",
        };
    }

    /// <summary>The number of a T category (Tis and T0 count as 0, T1mi as 1).</summary>
    public static int T(string t) => t.Length >= 2 && char.IsDigit(t[1]) ? t[1] - '0' : 0;

    public static int N(string n) => n.Length >= 2 && char.IsDigit(n[1]) ? n[1] - '0' : 0;
}
