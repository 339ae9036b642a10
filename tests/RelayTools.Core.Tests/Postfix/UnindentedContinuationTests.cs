using System.Linq;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Tests.Postfix;

// Configuration pasted from web pages loses its indentation: the reader says what a line continues.
public class UnindentedContinuationTests
{
    private const string Pasted = "myhostname = mx.lab.test\n" +
        "mydomain = lab.test\n" +
        "mynetworks = 127.0.0.0/8\n" +
        "smtpd_relay_restrictions =\n" +
        "# from a troubleshooting page\n" +
        "smtpd_recipient_restrictions =\n" +
        "permit_mynetworks,\n" +
        "reject_unauth_destination\n";

    private static PostfixConfiguration Read(string text, bool assume = false)
    {
        var config = new PostfixConfiguration { AssumeContinuation = assume };
        PostfixConfigReader.ReadMainCf(config, text, "/etc/postfix/main.cf");
        PostfixConfigReader.Finish(config);
        return config;
    }

    [Fact]
    public void Each_unindented_line_names_the_parameter_and_line_it_continues_and_gives_the_corrected_text()
    {
        PostfixConfiguration config = Read(Pasted);

        PostfixConfigNote[] notes = config.Notes.Where(n => n.Kind == PostfixNoteKind.UnindentedContinuation).ToArray();
        Assert.Equal(2, notes.Length);
        Assert.Equal("main.cf:7", notes[0].Origin);
        Assert.Equal("smtpd_recipient_restrictions", notes[0].Parameter);
        Assert.StartsWith("line 7 continues smtpd_recipient_restrictions from line 6 but is not indented; Postfix reads it as a new parameter and refuses to start", notes[0].Message);
        Assert.Equal(["smtpd_recipient_restrictions =", "    permit_mynetworks,"], notes[0].Fix);
        Assert.Equal("main.cf:8", notes[1].Origin);
        Assert.DoesNotContain(config.Notes, n => n.Kind == PostfixNoteKind.SyntaxError);
        // As written, the list is empty: what Postfix would have if it started at all.
        Assert.Equal("", config.Parameters["smtpd_recipient_restrictions"].Value);
    }

    [Fact]
    public void AssumeContinuation_reads_the_lines_as_meant_and_still_reports_them()
    {
        PostfixConfiguration config = Read(Pasted, assume: true);

        Assert.Equal("permit_mynetworks, reject_unauth_destination", config.Parameters["smtpd_recipient_restrictions"].Value);
        Assert.Equal(2, config.Notes.Count(n => n.Kind == PostfixNoteKind.UnindentedContinuation));
        Assert.Contains("-AssumeContinuation", config.Notes.First(n => n.Kind == PostfixNoteKind.UnindentedContinuation).Message);
        MasterService smtp = config.SmtpdServices().First();
        var query = new PostfixRelayQuery { ClientAddress = "192.0.2.9", Recipient = "x@gmail.com" };
        Assert.Equal("554 5.7.1 <x@gmail.com>: Relay access denied", PostfixRelayEvaluator.Evaluate(config, smtp, query, _ => null).Reply);
    }

    [Fact]
    public void The_corrected_text_reads_without_a_note()
    {
        PostfixConfiguration pasted = Read(Pasted);
        string[] fixedLines = Pasted.TrimEnd('\n').Split('\n');
        foreach (PostfixConfigNote note in pasted.Notes.Where(n => n.Kind == PostfixNoteKind.UnindentedContinuation))
        {
            int line = int.Parse(note.Origin.Split(':')[1]);
            fixedLines[line - 1] = note.Fix[^1];
        }

        PostfixConfiguration corrected = Read(string.Join("\n", fixedLines));

        Assert.DoesNotContain(corrected.Notes, n => n.Kind is PostfixNoteKind.SyntaxError or PostfixNoteKind.UnindentedContinuation);
        Assert.Equal("permit_mynetworks, reject_unauth_destination", corrected.Parameters["smtpd_recipient_restrictions"].Value);
    }

    [Fact]
    public void A_line_that_continues_nothing_is_still_a_syntax_error()
    {
        PostfixConfiguration config = Read("myhostname = mx.lab.test\nthis is not a parameter\n");

        Assert.Contains(config.Notes, n => n.Kind == PostfixNoteKind.SyntaxError && n.Message.StartsWith("missing '='"));
        Assert.DoesNotContain(config.Notes, n => n.Kind == PostfixNoteKind.UnindentedContinuation);
    }

    [Fact]
    public void A_master_cf_option_at_column_0_continues_the_service_before_it()
    {
        const string master = "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n-o smtpd_tls_security_level=encrypt\n-o smtpd_relay_restrictions=permit_sasl_authenticated,reject\n";
        var asWritten = new PostfixConfiguration();
        PostfixConfigReader.ReadMasterCf(asWritten, master, "/etc/postfix/master.cf");
        var asMeant = new PostfixConfiguration { AssumeContinuation = true };
        PostfixConfigReader.ReadMasterCf(asMeant, master, "/etc/postfix/master.cf");

        PostfixConfigNote note = asWritten.Notes.First(n => n.Kind == PostfixNoteKind.UnindentedContinuation);
        Assert.Equal("master.cf:3", note.Origin);
        Assert.StartsWith("line 3 continues the submission service (master.cf:2) but is not indented; Postfix reads it as a new master.cf entry and refuses to start", note.Message);
        Assert.Equal(["  -o smtpd_tls_security_level=encrypt"], note.Fix);
        Assert.Empty(asWritten.Services.Single(s => s.Name == "submission").Overrides);
        Assert.Equal(["smtpd_tls_security_level", "smtpd_relay_restrictions"], asMeant.Services.Single(s => s.Name == "submission").Overrides.Select(o => o.Name).ToArray());
    }
}
