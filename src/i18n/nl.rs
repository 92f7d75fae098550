//! Nederlandse teksten.

use super::Texts;
use super::texts::UiTexts;

pub static TEXTS: Texts = Texts {
    ui: UiTexts {
        phases_short: [
            "Voorb.",
            "Terugblik",
            "Beleving",
            "Alternatief",
            "Kosten",
            "Afronding",
        ],
        help_intro: &[
            "tafel helpt u een tafelgesprek (Effectencalculator) te leiden en vast te leggen.",
            "Alles wat u typt wordt vanzelf bewaard, binnen een seconde. Rechtsboven ziet u of het is opgeslagen.",
            "Loop de zes fasen door in elke volgorde. Een veld dat oplicht neemt uw tekst direct aan.",
        ],
        help_more: &[
            "De klok loopt alleen op de dag van het gesprek (de datum bij Voorbereiding); later teruglezen telt niet mee.",
            "Datums zoals 12-3-2026, 3-2026 of maart 2026. Bedragen zoals 1.234,50. Een score van 10: typ 1 en meteen 0.",
        ],
        activity: "Activiteit",
        actual_short: "Werkelijk",
        add_activity: "ondersteuning of voorziening toevoegen",
        add_agreement: "afspraak toevoegen",
        add_assumption: "aanname toevoegen",
        add_attendee: "persoon aan tafel toevoegen",
        add_event: "gebeurtenis toevoegen",
        add_learning_point: "leerpunt toevoegen",
        add_off_record: "onderwerp buiten het verslag markeren",
        add_quote: "citaat toevoegen",
        agreement: "Afspraak",
        alias: "Naam (alias)",
        alternative_short: "Alternatief",
        assumption: "Aanname",
        cannot_change: "Dit gesprek kan hier niet worden gewijzigd:",
        cannot_delete: "Kon niet verwijderen:",
        cannot_open: "Kon dit gesprek niet openen:",
        confirm_delete: |case| {
            format!("Gesprek {case} naar de prullenbak verplaatsen? j = ja, n = nee")
        },
        confirm_remove: |item| format!("Onderdeel {item} verwijderen? j = ja, n = nee"),
        consent_date: "Datum toestemming",
        demo_loaded: |count| format!("{count} voorbeeldgesprekken geladen."),
        due: "(binnenkort)",
        empty_library_1: "Nog geen gesprekken. Hier komen alle tafelgesprekken te staan, per casus.",
        empty_library_2: "Laad de fictieve voorbeelden om rond te kijken, of begin meteen een nieuw gesprek.",
        event: "Gebeurtenis",
        filter: "Zoeken",
        filter_hint: "typ om te zoeken op casus, project of meting",
        follow_up_done: "gehouden",
        from: "Vanaf",
        ground_rules_and_consent: "Spelregels en toestemming",
        help_form: "In een gesprek",
        help_library: "In de bibliotheek",
        help_quote: "Citaat vastleggen",
        help_choice: "Op een keuze",
        help_score: "Op een score",
        help_toggle: "Op een ja/nee-veld",
        help_prices: "In de prijslijst",
        help_title: "Hulp",
        hours_per_week: "Uren per week",
        informal: "Informeel (geen betaalde hulp)",
        informal_as_hours: "alleen uren tonen",
        informal_replacement: "waarderen tegen vervangingskosten (GZ-24)",
        informal_valuation: "Informele hulp",
        k_add: "toevoegen",
        k_back: "terug",
        k_choose: "kiezen",
        k_close: "sluiten",
        k_cycle: "wisselen",
        k_delete: "verwijderen",
        k_demo: "voorbeelden laden",
        k_follow_up: "vervolggesprek",
        k_help: "hulp",
        k_list: "lijst",
        k_move_down: "omlaag",
        k_move_up: "omhoog",
        k_new: "nieuw gesprek",
        k_newline: "nieuwe regel",
        k_next_field: "volgend veld",
        k_next_phase: "volgende fase",
        k_no: "nee",
        k_open: "openen",
        k_questions: "vragen",
        k_quit: "stoppen",
        k_quote: "citaat",
        k_remove: "verwijderen",
        k_save_quote: "bewaren",
        k_score: "score",
        k_speaker_words: "spreker/woorden",
        k_table_view: "tafelweergave",
        k_toggle: "aan/uit",
        k_type_to_filter: "typ om te zoeken",
        k_undo: "ongedaan maken",
        k_yes: "ja",
        k_clear_filter: "zoektekst wissen",
        k_clear_field: "veld leegmaken",
        k_to_words: "naar de woorden",
        k_cancel: "annuleren",
        confirm_discard_quote: "Dit citaat weggooien? j = ja, n = nee (verder typen)",
        confirm_discard_price: "De wijzigingen aan deze prijs weggooien? j = ja, n = nee",
        attendees_and_facilitator: |n, who, all| {
            format!("({n}, met gespreksleider {who}: {all} in totaal)")
        },
        phases_tiny: ["Voorb", "Terug", "Bel", "Alt", "Kost", "Afr"],
        k_more_keys: "meer toetsen",
        k_reprice: "opnieuw prijzen",
        earlier_agreements: |w| format!("Afspraken van {w}: hoe ging het?"),
        series_heading: "Vervolg van de serie",
        cmp_agreements: "Afspraken van",
        cmp_change_short: "verandering",
        assumptions_not_held: |n| {
            format!("{n} aanname(s) van de vorige meting hielden geen stand (zie Alternatief)")
        },
        professionals_short: "professionals",
        cmp_not_checked: "niet nagegaan",
        k_toggle_ended: "afgesloten series verbergen/tonen",
        k_portfolio: "overzicht project",
        k_wall: "tijdlijn",
        k_wall_time: "in de tijd",
        wall_title: "Tijdlijn: wat er gebeurde en wat er zonder de aanpak was gebeurd",
        wall_costs_quarter: "Kosten per kwartaal",
        wall_costs_year: "Kosten per jaar",
        wall_undated: "zonder datum",
        wall_activity: "Inzet",
        wall_from_wave: "overgenomen uit",
        wall_nothing: "Nog niets op de tijdlijn: vul gebeurtenissen en inzet in bij Terugblik en Alternatief.",
        wall_informal: "informele hulp",
        help_wall: "Op de tijdlijn (Ctrl+T)",
        portfolio_loading: "Het overzicht wordt opgebouwd…",
        series_ended_word: "afgesloten",
        series_ended: |r| format!("afgesloten: {r}"),
        ended_hidden: |n| format!("{n} afgesloten verborgen (Ctrl+A)"),
        views_differ: |d| format!("{d} t.o.v. de deelnemer"),
        from_wave: |w| format!("uit {w}"),
        from_wave_changed: |w| format!("uit {w}, gewijzigd"),
        key_space: "Spatie",
        k_clear_search: "zoektekst wissen",
        difference_explained_short: "Verschil = alternatief − werkelijk; + is besparing",
        reprice_declined: "Prijzen niet veranderd.",
        scope_session_only_note: "telt niet mee in rapportages over meerdere casussen",
        typed_on_button: "Dit is een knop, geen tekstveld: Enter drukt hem in, Tab gaat verder.",
        typed_on_score: "Een score is een cijfer van 0 tot 10 (1 en dan 0 voor 10).",
        typed_on_other: "Dit veld neemt geen tekst; de onderste regel zegt welke toetsen hier werken.",
        clock_paused: "stil: niet de gespreksdag",
        range_label: "Verschil zeker / + waarschijnlijk / alles",
        cmp_price_level: |y| {
            format!("Beide metingen in prijspeil {y}, met de index van de prijslijst (CPI, CBS).")
        },
        band_label: "met geschatte uren ± marge, werkelijk / alternatief",
        range_label_short: "Zeker/waarsch./alles",
        band_label_short: "uren ±",
        price_level_short: |y| format!("Prijspeil {y}"),
        price_level_none_short: "Bedragen zoals in de lijst",
        clock_paused_short: "stil: andere dag",
        clock_paused_word: "stil",
        date_format: "dd-mm-jjjj",
        partial_date_format: "dd-mm-jjjj, mm-jjjj of jjjj",
        margin_default: "25 (standaard)",
        price_year_empty: "leeg: bedragen zoals in de lijst",
        confirm_reprice: "Prijzen naar de huidige lijst? Bedragen kunnen veranderen. j = ja, n = nee",
        confirm_clear_off_record: |what, domain| {
            format!(
                "{domain} blijft buiten het verslag, maar er staat {what}. Nu uit het gesprek verwijderen? j = ja, n = nee (het komt dan op geen enkel papier)"
            )
        },
        off_record_cleared: "Verwijderd uit het gesprek.",
        off_record_kept: "Bewaard, maar buiten het verslag: het komt op geen enkel papier.",
        off_record_words: "eigen woorden",
        off_record_quotes: |n| {
            if n.to_string() == "1" {
                "1 citaat".into()
            } else {
                format!("{n} citaten")
            }
        },
        off_record_second_view: "een score van de professionals",
        more_below: "↓ meer",
        range_caption: "Van alleen zeker tot alles meegeteld (EUR)",
        source: "Bron",
        k_prev_field: "vorig veld",
        k_prev_part: "vorig onderdeel",
        k_prev_phase: "vorige fase",
        k_clear_score: "score leegmaken",
        k_type: "typen",
        k_redo: "opnieuw",
        k_save_now: "nu opslaan (opslaan gebeurt ook vanzelf)",
        k_go_to_phase: "meteen naar een fase",
        kept_old_value: "De vorige waarde is bewaard.",
        kind: "Soort",
        learning_point: "Leerpunt",
        library: "bibliotheek",
        library_loading: "bezig met inlezen…",
        library_unreadable: "De map met gesprekken kon niet (helemaal) worden gelezen:",
        migrated: |version| format!("Dit bestand kwam van versie {version} en is bijgewerkt."),
        more_text: "meer tekst; ga naar het veld om alles te zien",
        moved_to_trash: "Naar de prullenbak verplaatst (map trash in de gegevensmap).",
        no_case_code: "(nog geen casuscode)",
        no_match: "Niets gevonden.",
        none: "(geen)",
        not_a_date: |typed| {
            format!(
                "'{typed}' is geen datum. Typ bijvoorbeeld 12-3-2026, 3-2026, maart 2026 of 2026."
            )
        },
        not_a_day: |typed| format!("'{typed}' is geen datum. Typ bijvoorbeeld 12-3-2026."),
        not_a_number: |typed| format!("'{typed}' is geen getal. Typ bijvoorbeeld 12 of 1,5."),
        number_too_large: |typed| format!("'{typed}' is te groot: hooguit 1.000.000.000."),
        not_an_amount: |typed| {
            format!("'{typed}' is geen bedrag. Typ euro's zoals 1.234,50 of 12,50.")
        },
        not_minutes: |typed| format!("'{typed}' is geen aantal minuten. Typ bijvoorbeeld 150."),
        not_a_year: |typed| {
            format!(
                "'{typed}' is geen jaartal. Typ bijvoorbeeld 2025, of laat leeg voor bedragen zoals in de lijst."
            )
        },
        not_a_percentage: |typed| {
            format!("'{typed}' is geen percentage van 0 tot 100. Typ bijvoorbeeld 25.")
        },
        not_saved: "NIET OPGESLAGEN:",
        not_saved_short: "NIET OPGESLAGEN",
        not_saved_stay: "NIET OPGESLAGEN, daarom blijft tafel open. Uw tekst staat veilig in het geheugen. Reden:",
        save_disk_full: "de schijf is vol: maak ruimte vrij",
        save_read_only: "de map is alleen-lezen",
        save_no_permission: "geen toestemming om in de map te schrijven",
        save_folder_gone: "de map bestaat niet (meer)",
        save_other: "het bestand kan niet worden geschreven",
        save_kept_retrying: "Uw tekst blijft in het geheugen; tafel probeert het elke 2 seconden opnieuw.",
        note: "Toelichting",
        off_record_hint: "alleen dát er iets is wordt bewaard, nooit wat",
        off_record_marked: "gemarkeerd om",
        organisation: "Organisatie",
        overdue: "(verlopen)",
        override_ignored: "Een eigen lijst in de gegevensmap kon niet worden gelezen en wordt niet gebruikt:",
        override_reason: "Reden afwijkende prijs",
        panic_intro: "Er ging iets mis in het programma.",
        panic_saved: "Uw gesprek is opgeslagen in",
        payer_from_price: "(betaler van de prijs)",
        person: "Persoon",
        price_item: "Prijs uit de lijst",
        price_override: "Afwijkende prijs",
        questions: "Vragen",
        quick_quote: "Citaat vastleggen",
        quote: "Citaat",
        quote_saved: "Citaat bewaard bij Beleving.",
        raised_by: "Ingebracht door",
        read_only: "ALLEEN LEZEN",
        read_only_locked: |holder| {
            format!("dit gesprek is al geopend ({holder}); hier alleen lezen.")
        },
        read_only_newer: "gemaakt met een nieuwere versie van tafel; alleen lezen.",
        read_only_no_lock: "het gesprek kon niet worden vergrendeld; alleen lezen",
        read_only_copy: |id| {
            format!(
                "dit bestand is een kopie van gesprek {id} onder een andere naam; het telt niet mee en is hier alleen te lezen. Verwijder het, of houd het gesprek zelf (<id>.json)."
            )
        },
        too_long: |limit, unit| format!("Te lang voor dit veld (hooguit {limit} {unit})."),
        tui_no_signals: "tafel kan zijn signaalafhandeling niet instellen en kan dus niet beloven bij elk stoppen op te slaan; het start niet",
        tui_no_terminal: "tafel heeft een terminal nodig om zijn schermen te tonen (start het in een terminalvenster, of gebruik een opdracht zoals 'tafel list')",
        rescued_to: |path| {
            format!(
                "Een kopie van de niet-opgeslagen tekst staat in {path}. Zet die terug als sessions/<id>.json (na het oude bestand weg te zetten) om ermee verder te werken."
            )
        },
        rescue_failed: "Ook een kopie kon nergens worden geschreven: de laatste wijzigingen zijn verloren.",
        signal_refused: "NIET OPGESLAGEN en geen kopie mogelijk: tafel blijft open, de tekst staat in het geheugen. Maak ruimte op de schijf, of stop tafel nog een keer om toch te stoppen; de tekst gaat dan verloren.",
        copy_row: "KOPIE, telt niet mee",
        conflict_row: "CONFLICT van de synchronisatie, telt niet mee",
        conflict_title: "Twee versies van één gesprek",
        taken_elsewhere: |who| {
            format!(
                "Een andere laptop heeft dit gesprek nu open ({who}). Wat u hier typte is bewaard; de synchronisatie houdt beide versies, los het conflict daarna op in de bibliotheek. Hier alleen lezen."
            )
        },
        conflict_this_file: "dit bestand",
        conflict_other: "de andere versie",
        conflict_same: "De twee versies zijn gelijk. Enter bewaart het gesprek en zet de kopie in de prullenbak.",
        conflict_confirm: "Nog een keer Enter: het gesprek wordt bewaard zoals gekozen en de andere versie gaat naar de prullenbak.",
        conflict_resolved: "Opgelost: het gesprek is bewaard zoals gekozen, de andere versie staat in de prullenbak.",
        conflict_failed: "Niet opgelost, er is niets veranderd.",
        conflict_copy_kept: "Het gesprek is bewaard, maar de andere versie kon niet naar de prullenbak:",
        conflict_file_fields: "Bestand",
        k_take_this: "dit bestand",
        k_take_other: "andere versie",
        k_take_all_this: "alles uit dit bestand",
        k_take_all_other: "alles uit de andere",
        k_keep_result: "bewaren zo",
        reason_missing: "reden ontbreekt: de afwijkende prijs telt pas mee met een reden",
        reprice: "Prijzen bijwerken naar de huidige prijslijst",
        repriced: |count| {
            format!("{count} prijzen bijgewerkt of toegevoegd; de kosten zijn opnieuw berekend.")
        },
        copied_on: "overgenomen op",
        prices: "prijzen",
        disk_nearly_full: |megabytes| {
            format!(
                "De schijf is bijna vol: nog {megabytes} MB vrij. Maak ruimte vrij; tafel blijft opslaan zolang het kan."
            )
        },
        k_next_part: "volgend onderdeel",
        k_export: "verslag",
        exported: |path| format!("Verslag geschreven: {path}"),
        export_failed: "Kon het verslag niet schrijven:",
        k_prices: "prijslijst",
        k_edit: "bewerken",
        k_save_close: "bewaren en sluiten",
        pl_title: "Prijslijst",
        pl_label_nl: "Omschrijving (NL)",
        pl_label_en: "Omschrijving (EN)",
        pl_amount: "Prijs per eenheid",
        pl_year: "Prijspeil (jaar)",
        pl_default_payer: "Betaler (standaard)",
        pl_source: "Bron",
        pl_link: "Link",
        pl_note: "Toelichting",
        pl_not_a_year: |typed| format!("'{typed}' is geen jaar. Typ bijvoorbeeld 2026."),
        pl_own_name: "eigen prijzen",
        pl_removed: "Eigen prijs verwijderd; de prijs uit de startlijst geldt weer.",
        pl_builtin_stays: "Prijzen uit de startlijst blijven staan; pas ze aan om er een eigen prijs van te maken.",
        pl_needs_label: "Geef de prijs een omschrijving.",
        pl_needs_source: "Een prijs heeft een bron en een prijspeil (jaar) nodig.",
        pl_saved: "Bewaard in prices.json. Nieuwe gesprekken gebruiken deze prijs; bestaande via 'Prijzen bijwerken' bij Kosten.",
        pl_own: "eigen",
        pl_explain: "Startlijst met bronnen, aangevuld met uw eigen prijzen (prices.json in de gegevensmap). Gesprekken bewaren hun eigen kopie.",
        pl_new: "nieuwe prijs",
        cmp_title: "Vergelijking",
        cmp_other_series: "Let op: deze gesprekken horen bij verschillende casussen.",
        cmp_new_since: "Nieuw sinds",
        cmp_assumed: "Aannames over het alternatief bij",
        cmp_words: "In eigen woorden",
        cmp_costs: "Kosten per betaler",
        cmp_only_in: "alleen in",
        cmp_none: "(niets)",
        cmp_actual_change: "verschil werkelijk",
        cmp_alternative_change: "verschil alternatief",
        cmp_pick_second: "Gemarkeerd. Kies nu het tweede gesprek en druk opnieuw Ctrl+K.",
        cmp_no_pair: "Dit gesprek heeft geen eerdere meting; kies er een tweede bij met Ctrl+K.",
        k_compare: "vergelijken",
        k_scroll: "scrollen",
        cmp_legend: "○ eerder  ● later",
        reason_without_override: "Vul eerst een afwijkende prijs in; een reden hoort bij een afwijkende prijs.",
        recovered_after_crash: "tafel werd de vorige keer onverwacht afgesloten. Het gesprek is hersteld tot de laatste opgeslagen stand.",
        role: "Rol",
        saved: "opgeslagen",
        saved_now: "Opgeslagen.",
        saving: "opslaan…",
        speaker: "Spreker",
        terminal_error: "Het scherm gaf een fout:",
        to: "Tot",
        too_small: "Maak het venster groter om tafel te gebruiken.",
        too_small_safe: "Uw gesprek is veilig; er gaat niets verloren.",
        unit: "Eenheid",
        unreadable: "onleesbaar",
        weeks: "Aantal weken",
        what: "Wat",
        when: "Wanneer",
        who: "Wie",
        words: "Woorden",
    },
    vault: super::texts::VaultTexts {
        locked: "dit bestand is versleuteld en er is geen sleutel ontgrendeld: in een versleutelde bibliotheek vraagt tafel de wachtwoordzin bij de start; is de bibliotheek half ontsleuteld (een afgebroken tafel decrypt), maak dat dan af met tafel decrypt",
        not_for_you: "versleuteld voor andere sleutels dan de jouwe (van een andere bibliotheek, of de bibliotheeksleutel is je nog niet gegeven: een teamlid dat jouw sleutel bevestigde, geeft hem met tafel keys confirm)",
        damaged: "dit versleutelde bestand is beschadigd of afgebroken en kan niet worden ontsleuteld",
        settings_unreadable: |p| {
            format!(
                "{p} (de sleutels van de bibliotheek) kan niet worden gelezen; er wordt niets opgeslagen tot dat is opgelost"
            )
        },
        settings_missing: |p| {
            format!(
                "{p} (de sleutels van de bibliotheek) ontbreekt, terwijl de bibliotheek versleutelde bestanden heeft; misschien heeft de synchronisatiedienst hem nog niet teruggezet. Er wordt niets opgeslagen of omgezet tot hij er weer is"
            )
        },
        settings_newer: |p, v| {
            format!(
                "{p} (de sleutels van de bibliotheek) komt van een nieuwere tafel (versie {v}); werk tafel bij. Er wordt niets opgeslagen"
            )
        },
        unfinished: "Een wijziging van de sleutels of een omzetting is niet afgemaakt (gestopt, of een gesprek was elders open): tafel encrypt (of tafel decrypt, als de bibliotheek onversleuteld moet worden) maakt het af.",
        case_in_name: "Let op: de inhoud is versleuteld, maar de naam van het bestand bevat de casuscode en is voor de synchronisatiedienst leesbaar; kies een naam zonder casuscode.",
        your_public: |k| format!("Je openbare sleutel is {k}"),
        own_key_removal: "dat is je eigen sleutel: daarna kun je de bibliotheek niet meer openen. Laat een ander teamlid je verwijderen",
        target_exists: |p| format!("{p} bestaat al, met andere inhoud; haal een van beide weg"),
        no_key: |p| {
            format!(
                "er is op deze laptop nog geen persoonlijke sleutel ({p}); maak er een met: tafel keys init"
            )
        },
        key_exists: |p| {
            format!(
                "er is al een persoonlijke sleutel ({p}); die wordt nooit overschreven, want wat ervoor versleuteld is, gaat dan verloren"
            )
        },
        wrong_passphrase: "verkeerde wachtwoordzin: de sleutel is niet geopend en er is niets geschreven",
        empty_passphrase: "een lege wachtwoordzin beschermt niets; kies een zin van een paar woorden",
        key_damaged: |p| format!("de persoonlijke sleutel {p} is beschadigd"),
        prompt: "Wachtwoordzin van je sleutel: ",
        prompt_new: "Nieuwe wachtwoordzin: ",
        prompt_again: "Nog een keer: ",
        mismatch: "de twee wachtwoordzinnen verschillen; er is niets gemaakt",
        no_terminal: "deze bibliotheek is versleuteld en er is geen terminal om de wachtwoordzin te vragen; geef --passphrase-file BESTAND",
        lost_warning: "Let op: wie de wachtwoordzin vergeet, kan niets meer openen wat alleen voor deze sleutel versleuteld is. Niemand kan hem herstellen, ook tafel niet. Bewaar hem zoals een pincode.",
        init_done: |public, path| {
            format!(
                "Je persoonlijke sleutel staat in {path}.\nJe openbare sleutel (geef die aan je team):\n{public}"
            )
        },
        share_public: "Een teamlid voegt je toe met: tafel keys add <openbare sleutel> --name <naam>",
        marker: "versleuteld",
        list_line: |n| {
            format!(
                "Versleutelde bibliotheek: elk bestand is alleen te openen met de bibliotheeksleutel, die aan {n} sleutel(s) van het team gegeven is."
            )
        },
        bad_public_key: |k, why| format!("{k} is geen openbare age-sleutel (age1...) [{why}]"),
        added: |n| format!("{n} is toegevoegd."),
        already_member: |n| format!("die sleutel hoort al bij de bibliotheek (als {n})"),
        removed: |n| format!("{n} is verwijderd."),
        not_a_member: |n| format!("geen sleutel met de naam of sleutel {n} in deze bibliotheek"),
        last_member: "dat is de laatste sleutel: dan kan niemand de bibliotheek meer openen; ontsleutel hem eerst (tafel decrypt)",
        no_members: "Nog geen sleutels in deze bibliotheek.",
        you: "jij",
        encrypted_to: |n| {
            format!("Versleuteld voor de bibliotheeksleutel, gegeven aan {n} sleutel(s).")
        },
        plain_library: "Deze bibliotheek is niet versleuteld.",
        converting: |done, total| format!("{done} van {total} bestanden"),
        converted: |n| format!("{n} bestand(en) omgezet."),
        busy: |p| {
            format!(
                "{p} is open in een ander tafel-venster en is overgeslagen; dat venster slaat het bij de volgende wijziging in de nieuwe vorm op"
            )
        },
        failed: |p, why| format!("{p} niet omgezet: {why}"),
        finish_encrypt: "Geef tafel encrypt als die gesprekken gesloten zijn, om ze ook om te zetten.",
        finish_decrypt: "Geef tafel decrypt als die gesprekken gesloten zijn, om ze ook om te zetten.",
        failed_stay: "Die bestanden zijn gebleven zoals ze waren (de reden staat erbij).",
        passphrase_file: |p| {
            format!("het bestand met de wachtwoordzin ({p}) kan niet worden gelezen als tekst")
        },
        control_in_passphrase: "de wachtwoordzin bevat stuurtekens (geen gewone tekst); kies een zin van gewone woorden",
        not_encrypted: "deze bibliotheek is niet versleuteld",
        already_plain: "Deze bibliotheek is al niet versleuteld; eventuele versleutelde bestanden zijn omgezet.",
        own_key_added: |n| format!("Je eigen sleutel is toegevoegd als {n}."),
        plain_files: |n| {
            format!(
                "{n} gespreksbestand(en) in deze versleutelde bibliotheek zijn nog niet versleuteld (een afgebroken tafel encrypt, of geschreven door een oudere tafel); tafel encrypt maakt het af:"
            )
        },
        sealed_export_hint: |name| {
            format!("Versleuteld in exports/. Leesbaar: tafel decrypt {name}.age -o ~/{name}")
        },
        untrusted: |p| {
            format!(
                "{p} (de sleutels van de bibliotheek) is niet overgenomen, dus tafel schrijft niets in deze bibliotheek:"
            )
        },
        distrust_no_key: "deze tafel is gestart zonder je persoonlijke sleutel en kan niet nagaan wie het veranderde",
        distrust_not_for_you: "de bibliotheeksleutel is niet aan jouw sleutel gegeven: je bent geen teamlid (meer). Een teamlid dat jouw sleutel bevestigde, voegt je toe (tafel keys add)",
        distrust_not_signed: "het is niet ondertekend door een teamlid, of het is veranderd nadat het ondertekend werd (met de hand, of door iemand die in de gedeelde map kan schrijven)",
        distrust_signer_unconfirmed: |name, words| {
            format!(
                "het is ondertekend door {name}, van wie de sleutel op deze laptop niet bevestigd is. Laat {name} je de woorden van de eigen sleutel voorlezen (tafel keys list) en vergelijk ze met: {words}. Kloppen ze: tafel keys confirm {name}"
            )
        },
        distrust_signer_removed: |name| {
            format!("het is ondertekend door {name}, die uit het team verwijderd is")
        },
        distrust_retired: "het noemt een bibliotheeksleutel die vervangen is toen een teamlid verwijderd werd: er is een oudere keys.json teruggezet",
        distrust_legacy_switch: "het zegt dat de bibliotheek versleuteld is, maar niemand heeft het ondertekend en de bibliotheek heeft geen versleuteld bestand: tafel versleutelt niet voor sleutels die niemand heeft nagekeken. Een teamlid dat de bibliotheek versleuteld wil, geeft tafel encrypt",
        distrust_none_confirmed: "het komt van een oudere tafel en geen van de sleutels is op deze laptop bevestigd: vergelijk de woorden van elk teamlid en geef tafel keys confirm NAAM, daarna tafel encrypt",
        distrust_plain_unsigned: "het zegt dat de bibliotheek niet versleuteld is, maar de bibliotheek heeft versleutelde bestanden en geen teamlid heeft dat ondertekend. Heeft je team hem ontsleuteld, dan maakt tafel decrypt het af; anders: zet de keys.json van het team terug",
        ignored_plain: |why| {
            format!(
                "keys.json is veranderd, en die verandering is niet overgenomen: {why}. tafel slaat deze bibliotheek onversleuteld op, zoals het deed, en versleutelt pas als een op deze laptop bevestigde sleutel de verandering ondertekende: heeft een teamlid de bibliotheek versleuteld, sluit tafel dan en start het opnieuw; dan vraagt het je wachtwoordzin en kijkt het de verandering na."
            )
        },
        ignored_sealed: |why| {
            format!(
                "keys.json is veranderd, en die verandering is niet overgenomen: {why}. Deze tafel blijft versleutelen voor de bibliotheeksleutel die het bij de start naging, en die het team kan openen. Een nieuwe start weigert in deze bibliotheek te schrijven tot keys.json in orde is, en zegt hoe."
            )
        },
        ignored_checked: |why| {
            format!(
                "keys.json is veranderd, en die verandering is niet overgenomen: {why}. tafel blijft versleutelen voor de bibliotheeksleutel die deze laptop eerder naging, en die alleen het team heeft; een nieuwe start doet hetzelfde. Zet de keys.json van het team terug (of haal met de hand weg wat erbij gezet is)."
            )
        },
        unconfirmed: |name, words| {
            format!(
                "De sleutel van {name} is op deze laptop niet bevestigd ({words}): van hieruit krijgt die niets. Vergelijk de woorden telefonisch met {name}; kloppen ze: tafel keys confirm {name}"
            )
        },
        changed_key: |name, words| {
            format!(
                "WAARSCHUWING: de sleutel van {name} in keys.json is niet de sleutel die op deze laptop bevestigd is. Het is een nieuwe, onbevestigde sleutel ({words}). Heeft {name} geen nieuwe sleutel gemaakt, dan heeft iemand anders de eigen sleutel daar gezet. Van hieruit krijgt die niets; pas als {name} je deze woorden voorleest: tafel keys confirm {name}"
            )
        },
        pending: |names| {
            format!(
                "De bibliotheeksleutel is nog niet gegeven aan {names}: die openen niets wat sindsdien is opgeslagen. Een teamlid dat hun sleutel bevestigde, geeft hem met tafel keys confirm NAAM"
            )
        },
        legacy: "Deze bibliotheek is versleuteld door een oudere tafel (elk bestand voor elk teamlid). tafel encrypt zet hem om naar één bibliotheeksleutel; tot dan worden bestanden alleen opgeslagen voor de sleutels die op deze laptop bevestigd zijn.",
        more_notices: |n| format!("(en nog {n}: tafel keys list)"),
        confirm_words: |name, words| format!("De sleutel van {name} luidt: {words}"),
        confirm_question: |name| {
            format!(
                "Leest {name} je precies deze woorden voor van het eigen scherm (tafel keys list)? Typ ja om te bevestigen: "
            )
        },
        confirm_needs_yes: "er is geen terminal om het te vragen: vergelijk eerst de woorden en bevestig dan met --yes",
        confirmed_done: |name| format!("De sleutel van {name} is op deze laptop bevestigd."),
        confirmed_and_given: |name| {
            format!(
                "{name} heeft de bibliotheeksleutel gekregen; er is geen gespreksbestand herschreven."
            )
        },
        already_confirmed: |name| format!("De sleutel van {name} was op deze laptop al bevestigd."),
        not_confirmed_declined: "niet bevestigd; er is niets veranderd",
        cannot_open_library: "je kunt de sleutel van deze bibliotheek hier niet openen, dus ook de sleutels niet veranderen; er is niets veranderd",
        name_taken: |name| {
            format!(
                "er is al een teamlid {name} met een andere sleutel; verwijder die eerst als de sleutel echt veranderd is"
            )
        },
        not_given: |names| {
            format!(
                "{names} heeft de nieuwe bibliotheeksleutel niet gekregen: die sleutel is op deze laptop niet bevestigd. Een teamlid dat hem bevestigde, geeft hem met tafel keys confirm NAAM"
            )
        },
        export_warning: "Let op: wie deze sleutel heeft, opent elk bestand van de bibliotheek zonder wachtwoordzin, tot er een teamlid verwijderd wordt (dat maakt een nieuwe sleutel). Zet hem niet in de gedeelde map, niet in e-mail of chat, en verwijder hem als je klaar bent.",
        export_done: |path| {
            format!(
                "De bibliotheeksleutel staat in {path} (alleen door jou te lezen). Open een bestand met: age -d -i {path} BESTAND"
            )
        },
        your_words: |words| format!("Jouw sleutel luidt: {words}"),
        confirmed_marker: "bevestigd",
        unconfirmed_marker: "NIET BEVESTIGD op deze laptop",
        legacy_first: "deze bibliotheek is versleuteld door een oudere tafel: geef eerst tafel encrypt, dat hem omzet naar één bibliotheeksleutel",
        weak_passphrase: "een wachtwoordzin heeft minstens 12 tekens nodig, of 4 woorden: een zin is makkelijk te onthouden en moeilijk te raden",
        keys_dir_in_library: |keys, lib| {
            format!(
                "de sleutelmap {keys} ligt in een bibliotheek ({lib}), die een synchronisatiedienst kan kopiëren: je persoonlijke sleutel en de sleutels die je bevestigde, moeten op deze laptop blijven. Kies een map daarbuiten met --keys-dir, of laat --keys-dir weg voor de gewone plek"
            )
        },
        passphrase_file_waited: |p, secs| {
            format!(
                "het bestand met de wachtwoordzin {p} gaf binnen {secs} seconden niets (een pijp waar niemand in schrijft?); er is niets geopend"
            )
        },
        nothing_to_convert: "Elk bestand is al versleuteld voor de bibliotheeksleutel; er is niets herschreven.",
    },
    handout: super::texts::HandoutTexts {
        title: "Uw tafelgesprek",
        of_date: |d| format!("Gesprek van {d}"),
        intro: &[
            "Dit papier is voor u.",
            "Hier staat wat we aan tafel hebben afgesproken.",
            "U mag het houden en aan anderen laten zien.",
        ],
        h_agreements: "Wat we afspraken",
        h_pulse: "Wie houdt contact met u",
        h_next: "Het volgende gesprek",
        h_own_words: "Uw eigen woorden",
        agreement: |what, who, when| {
            let what = what.trim_end_matches('.');
            if when.is_empty() {
                format!("{what}. Dit doet: {who}.")
            } else {
                format!("{what}. Dit doet: {who}. Klaar in {when}.")
            }
        },
        pulse: |who| {
            format!(
                "{who} houdt een vinger aan de pols. Die belt u af en toe om te vragen hoe het gaat."
            )
        },
        next_table: |date| {
            format!("We praten weer met elkaar rond {date}. U krijgt hierover nog bericht.")
        },
        the_role: |role| format!("de {role}"),
        your_role: |role| format!("uw {role}"),
        someone: "iemand van de tafel",
        facilitator: "de gespreksleider",
        you: "u zelf",
        privacy: "Dit is uw eigen kopie. Daarom mag u het altijd krijgen. Er staan geen namen van anderen in.",
        no_amounts: "Er staan ook geen bedragen in.",
        preview_title: "Uitdraai voor de deelnemer",
        preview_hint: "Spatie laat een regel weg (✗) of zet hem terug (✓). Een regel met een bedrag staat eerst uit. Enter schrijft de uitdraai.",
        written: |path| format!("Uitdraai voor de deelnemer geschreven: {path}"),
        k_handout: "uitdraai deelnemer",
        k_keep: "weglaten/houden",
        k_write: "schrijven",
    },
    report: super::texts::ReportTexts {
        wall_heading: "Beide scenario's naast elkaar",
        cli_wall_needs_html: "--wall maakt een pagina om af te drukken: gebruik --format html.",
        title: "Casusrapport",
        kicker: "Effectencalculator · tafelgesprek",
        cmp_kicker: "Effectencalculator · vergelijking van twee tafelgesprekken",
        intro: "Dit verslag komt uit een tafelgesprek volgens de Effectencalculator. De deelnemer en de betrokken professionals hebben samen teruggekeken: wat er werkelijk gebeurde, hoe de deelnemer de uitkomst zelf beleeft, wat er zonder deze aanpak waarschijnlijk was gebeurd, en wat beide scenario's kosten en voor wie. De hoofdstukken volgen de fasen van het gesprek.",
        anonymous_notice: "Anoniem verslag: namen zijn vervangen door rollen en de casuscode door een willekeurig label; vrije tekst en citaten zijn weggelaten en data zijn afgerond op de maand.",
        key_figures: "In het kort",
        contents: "Inhoud",
        total_actual: "Kosten werkelijk",
        total_alternative: "Kosten alternatief",
        difference_range: "Verschil: zeker / zeker + waarschijnlijk / alles",
        difference_central: "Verschil (alternatief − werkelijk), zeker + waarschijnlijk",
        central_with_range: |c, lo, hi| format!("{c} (alleen zeker {lo}, alles {hi})"),
        alternative_central: "Kosten alternatief, zeker + waarschijnlijk",
        alternative_all: "Alternatief (alles)",
        difference_all: "Verschil (alles)",
        domains_changed: "Leefgebieden beter / gelijk / slechter",
        made_from: |date| format!("Gemaakt met tafel uit het gesprek zoals opgeslagen op {date}."),
        nothing_recorded: "Niets vastgelegd in deze fase.",
        withdrawn_on: "ingetrokken op",
        period: "Periode",
        informal: "informeel",
        informal_column: "Informeel",
        score_chart_title: "Scores per leefgebied, 0 tot 10, in het eigen oordeel van de deelnemer",
        legend_alternative: "Alternatief (geschat)",
        not_scored: "geen score",
        price_override: "Afwijkende prijs",
        reason_left_out: "reden weggelaten (anoniem)",
        per_payer: "Per betaler",
        cost_chart_title: "Kosten per betaler: werkelijk en alternatief",
        informal_valued: "Informele uren in euro's",
        lines_without_price: |count| {
            format!("{count} regel(s) zonder prijs tellen niet mee in de totalen.")
        },
        range_title: "Hoe zeker is het verschil?",
        range_explained: "Het alternatief is een schatting; de tafel gaf elke activiteit daarin een zekerheid. Zeker: alleen activiteiten met zekerheid hoog. Zeker + waarschijnlijk: hoog en middel. Alles: ook laag (en activiteiten zonder zekerheid), het verschil in de tabel hierboven.",
        range_levels: ["zeker", "zeker + waarschijnlijk", "alles"],
        saves: |x| format!("bespaart de aanpak {x}"),
        costs_more: |x| format!("kost de aanpak {x} meer"),
        no_difference: "maakt de aanpak geen verschil",
        range_sentence: |a, b, c| {
            format!(
                "Met alleen wat zeker is {a}; met ook wat waarschijnlijk is {b}; alles meegeteld {c}."
            )
        },
        band_title: "Geschatte aantallen",
        band_explained: "Uren die de tafel schat (en andere geschatte aantallen) kunnen er ± hun marge naast zitten, standaard 25 %. De band geeft de totalen met elke schatting aan de lage en aan de hoge kant; hij staat los van de zekerheid hierboven.",
        band_line: |low, high| format!("{low} tot {high}"),
        price_level: |year, series, n| {
            format!(
                "Alle bedragen in prijspeil {year}: per regel bedrag × aantal × factor van het prijsjaar van de prijs naar {year} ({series}), op centen afgerond; totalen zijn sommen van de regels. {n} regel(s) geïndexeerd."
            )
        },
        price_level_none: "Bedragen zoals in de prijslijst, elk in het prijsjaar van de prijs (er is geen prijspeil gekozen).",
        index_beyond: |n, last| {
            format!(
                "{n} regel(s) lopen tot na {last}, het laatste jaar met een CPI-cijfer; de jaren daarna tellen als 0 %."
            )
        },
        listed_year: "Prijsjaar",
        factor: "Factor",
        estimated_margin: |m| format!("geschat ± {m} %"),
        from_wave_column: "Uit",
        assumption_not_held: |w, text| {
            format!(
                "Deze aanname van {w} hield geen stand; weeg de bedragen van het alternatief daarnaar: {text}"
            )
        },
        cumulative: |w| {
            format!(
                "Dit is meting {w}: een vervolggesprek kijkt terug op het hele traject tot nu, dus de kosten zijn cumulatief (vanaf het begin). Tel de metingen van één casus nooit bij elkaar op; de laatste meting is het hele beeld."
            )
        },
        per_domain: "Per leefgebied",
        pf_kicker: "Effectencalculator · portfolio",
        pf_title: "Wat de aanpak oplevert over alle casussen",
        pf_intro: "Elke casus is een reeks tafelgesprekken over één traject. Dit overzicht zet de casussen van een project naast elkaar: wie investeert, wie profiteert, hoe zeker dat is, en hoe de deelnemers zelf hun leven zagen veranderen.",
        pf_anonymous_notice: "Anoniem portfolio: casussen heten Casus 1, 2...; wat de tafels leerden (vrije tekst) en bestandsnamen zijn weggelaten.",
        pf_too_few_cases: |n| {
            format!(
                "Minder dan {n} casussen: bedragen en scores worden niet getoond, zodat niemand herkenbaar is."
            )
        },
        pf_domains_too_few: |k, n| {
            format!(
                "{k} levensgebied(en) met minder dan {n} casussen niet getoond, zodat niemand herkenbaar is."
            )
        },
        pf_unit_rule: "Een casus telt met zijn laatste meting: een vervolggesprek kijkt terug op het hele traject, dus de kosten zijn cumulatief. Metingen van één casus optellen zou de kosten dubbel tellen. Alleen metingen met toestemming voor rapportage tellen mee (zoals bij export --all).",
        pf_price_level: |y| format!("Alle bedragen in prijspeil {y} (CPI, CBS)."),
        pf_duplicates: |n| {
            format!(
                "{n} bestand(en) zijn een kopie van een gesprek onder een andere naam (bijvoorbeeld een conflictkopie van een synchronisatiedienst): elk gesprek telt één keer."
            )
        },
        pf_duplicates_listed: "Kopieën, één keer geteld:",
        pf_unreadable: |n| {
            format!("{n} bestand(en) konden niet worden gelezen en tellen niet mee; zie onderaan.")
        },
        pf_unreadable_heading: "Onleesbare bestanden",
        pf_cases: "Casussen",
        pf_sessions: "Gesprekken",
        pf_follow_ups_held: "Vervolggesprekken gehouden",
        pf_follow_ups_due: "Vervolggesprekken binnenkort",
        pf_series_ended: "Afgesloten series",
        pf_left_out: "Niet meegeteld (geen toestemming voor rapportage)",
        pf_median: "Mediaan",
        pf_min: "Kleinste per casus",
        pf_max: "Grootste per casus",
        pf_arena_title: "Wie investeert, wie profiteert: per betaler (omlaag) en casus (opzij) het verschil; vol is besparing, open met min is investering",
        pf_saves: "betaler bespaart",
        pf_invests: "betaler investeert",
        pf_cases_heading: "Casussen (laatste meting)",
        pf_case: "Casus",
        pf_case_n: |n| format!("Casus {n}"),
        pf_domains_heading: "Hoe het leven veranderde, in het eigen oordeel",
        pf_domains_explained: "Per leefgebied: de score bij de start van de eerste meting tegen die van nu bij de laatste.",
        pf_better: "beter",
        pf_same: "gelijk",
        pf_worse: "slechter",
        pf_learned_heading: "Wat de tafels leerden en afspraken",
        pf_no_project: "(zonder project)",
        pf_empty: "Geen gesprekken om te tonen.",
        prices_used: "Gebruikte prijzen en bronnen",
        per: "per",
        price_year: "prijspeil",
        source: "bron",
        role_participant: "Deelnemer",
        role_professional: "Professional",
        role_peer: "Collega-professional",
        role_network: "Netwerklid",
        role_facilitator: "Gespreksleider",
        no_consent_given: "geen toestemming",
        no_consent_session_only: "toestemming alleen voor het gesprek zelf",
        no_consent_withdrawn: "toestemming ingetrokken",
        cli_all_needs_tables: "--all maakt platte tabellen voor analyse: kies --format csv of --format jsonl.",
        cli_unconsented_text_only: "--include-unconsented is alleen voor uw eigen blik: alleen met --format text, niet anoniem.",
        cli_no_such_project: |p| {
            format!("Geen gesprekken van project '{p}'; 'tafel list' toont de projecten.")
        },
        cli_which_session: "Welk gesprek? Geef een id (of het begin ervan) of een pad, of gebruik --all.",
        cli_consent_warning: |reason| {
            format!("Let op: {reason}. Deel deze export alleen met de mensen aan tafel.")
        },
        cli_csv_needs_folder: "Een CSV-export bestaat uit vier tabellen (sessions.csv, scores.csv, cost_lines.csv, events.csv); geef met -o de map waar ze in komen, bijvoorbeeld -o export.",
        cli_csv_not_a_folder: |path| format!("{path} is een bestand(snaam), geen map."),
        cli_skipped_unreadable: "overgeslagen, niet te lezen",
        cli_skipped_demo: |n| {
            format!(
                "{n} fictief voorbeeldgesprek(ken) weggelaten (voeg --include-demo toe om ze mee te nemen)"
            )
        },
        cli_skipped_copy: |id| {
            format!(
                "overgeslagen, een kopie van gesprek {id} onder een andere naam (alleen <id>.json telt)"
            )
        },
        cli_skipped_consent: |count| {
            format!(
                "{count} gesprek(ken) niet geëxporteerd: de toestemming dekt geen rapportage buiten het gesprek"
            )
        },
        cli_exported_all: |sessions, scores, cost_lines, events| {
            format!(
                "{sessions} gesprek(ken) geëxporteerd: {scores} scores, {cost_lines} kostenregels, {events} gebeurtenissen."
            )
        },
        cli_write_failed: |path| format!("Kon {path} niet schrijven"),
        cli_written: |path| format!("Geschreven: {path}"),
        export_not_noted: "Niet geschreven: tafel kon het niet noteren in zijn lijst van rapporten. Een rapport dat verwijderen niet vindt, zou het gesprek overleven. Er is niets geschreven.",
    },
    phases: [
        "Voorbereiding",
        "Terugblik",
        "Beleving",
        "Alternatief scenario",
        "Kosten",
        "Afronding",
    ],
    units: [
        "uur", "dagdeel", "dag", "nacht", "week", "maand", "jaar", "bezoek", "contact", "rit",
        "zaak", "traject",
    ],
    units_plural: [
        "uur",
        "dagdelen",
        "dagen",
        "nachten",
        "weken",
        "maanden",
        "jaar",
        "bezoeken",
        "contacten",
        "ritten",
        "zaken",
        "trajecten",
    ],
    participant_kinds: [
        "inwoner",
        "leerling/student",
        "werkzoekende",
        "ouder",
        "anders",
    ],
    attendee_kinds: [
        "deelnemer",
        "direct betrokken professional",
        "collega-professional",
        "informeel netwerk",
    ],
    confidences: ["laag", "middel", "hoog"],
    quantity_bases: ["geregistreerd", "geschat"],
    held: ["hield stand", "hield geen stand", "onbekend"],
    agreement_statuses: ["gedaan", "deels", "niet gedaan", "niet meer van belang"],
    end_reasons: [
        "doel bereikt",
        "deelnemer verhuisd",
        "deelnemer wil geen tafels meer",
        "contact verloren",
        "andere reden",
    ],
    series_active: "loopt door",
    reference_types: [
        "zonder de aanpak",
        "met een lichtere aanpak",
        "zoals het vroeger ging",
        "anders",
    ],
    consent_scopes: [
        "alleen voor dit gesprek",
        "ook voor geanonimiseerde rapportage",
    ],
    scenarios: ["Werkelijk (interventie)", "Alternatief"],
    yes: "ja",
    no: "nee",

    f_project: "Project",
    f_case_code: "Casuscode",
    f_participant_kind: "Soort deelnemer",
    f_date: "Datum",
    f_place: "Plaats",
    f_facilitator: "Gespreksleider",
    f_wave: "Meting",
    f_attendees: "Aan tafel",
    f_ground_rules: "Spelregels besproken",
    f_consent: "Toestemming",
    f_consent_scope: "Reikwijdte",
    f_recorded_by: "Vastgelegd door",
    f_starting_question: "Startvraag van de deelnemer",
    f_planned_minutes: "Geplande duur (minuten)",
    f_timeline: "Tijdlijn",
    f_start: "Start",
    f_end: "Einde",
    f_ongoing: "loopt nog",
    f_ongoing_label: "Loopt nog",
    f_events: "Gebeurtenissen",
    f_activities: "Ondersteuning en voorzieningen",
    f_domain: "Leefgebied",
    f_score_start: "Bij de start",
    f_score_now: "Nu",
    f_change: "Verschil",
    f_own_words: "In eigen woorden",
    f_quotes: "Citaten",
    f_off_record: "Buiten het verslag",
    f_reference_type: "Vergeleken met",
    f_narrative: "Verhaal van het alternatief",
    f_assumptions: "Aannames",
    f_estimated_score: "Geschat in het alternatief",
    f_confidence: "Zekerheid",
    f_quantity_basis: "Aantal is",
    f_score_professionals: "Nu volgens professionals",
    f_second_view: "Ook een score van de professionals",
    f_held: "Hield de aanname stand?",
    f_held_comment: "Toelichting",
    f_agreement_status: "Hoe ging het?",
    f_agreement_comment: "Toelichting",
    f_earlier_pulse_owner: "Vinger aan de pols sindsdien",
    f_series_status: "Serie",
    f_series_ended_on: "Afgesloten op",
    f_series_end_note: "Toelichting afsluiting",
    f_margin: "Marge schatting ± %",
    f_price_year_session: "Prijspeil (jaar)",
    f_payer: "Betaler",
    f_quantity: "Aantal",
    f_unit_price: "Prijs per eenheid",
    f_cost: "Kosten",
    f_price_list: "Prijslijst",
    f_informal_hours: "Informele uren",
    f_difference: "Verschil",
    f_total: "Totaal",
    f_learning_points: "Leerpunten",
    f_agreements: "Afspraken",
    f_pulse_owner: "Vinger aan de pols",
    f_follow_up: "Vervolggesprek",
    f_notes: "Notities",
    f_time_spent: "Bestede tijd",
    f_updated: "Bijgewerkt",
    f_retention: "Bewaren tot",
    f_series: "Reeks",
    f_progress: "Voortgang",
    no_payer: "(geen betaler)",
    no_domain: "(geen leefgebied)",
    price_missing: "prijs ontbreekt",
    difference_explained: "Verschil = alternatief min werkelijk; positief betekent dat deze betaler bespaart.",
    change_caveat: "Verschillen zijn veranderingen in het eigen oordeel van de deelnemer, geen bewijs van effect.",
    off_record_count: "onderwerp(en) buiten het verslag gehouden",

    cli_no_sessions: "Er zijn nog geen gesprekken. Start er een met 'tafel new' of laad de voorbeelden met 'tafel demo'.",
    cli_unreadable: "onleesbaar",
    wave_limit: "Er kan geen volgende ronde worden gemaakt: het rondenummer van dit gesprek staat op zijn grens (het bestand is met de hand bewerkt).",
    lock_holder: |pid, host, since| format!("proces {pid} op {host} sinds {since}"),
    lock_someone: "een ander tafel-venster",
    lock_symlink: |path| format!("{path} is een symbolische koppeling; tafel volgt die niet"),
    lock_io: "het slotbestand kan niet worden gebruikt",
    remove_busy: |holder| format!("het gesprek is open in {holder}; sluit het daar eerst"),
    remove_io: "het bestand kan niet worden verwijderd",
    arg_missing: |what| format!("er ontbreekt iets op de opdrachtregel: {what}."),
    arg_unknown: |what| format!("{what} is geen optie van deze opdracht."),
    arg_unknown_command: |what| format!("{what} is geen opdracht van tafel."),
    arg_bad_value: |value, option, valid| {
        let valid = valid.to_string();
        let value = value.to_string();
        match (value.is_empty(), valid.is_empty()) {
            (true, true) => format!("{option} heeft een waarde nodig."),
            (true, false) => format!("{option} heeft een waarde nodig; kies uit: {valid}."),
            (false, true) => format!("{value} is geen geldige waarde voor {option}."),
            (false, false) => {
                format!("{value} is geen geldige waarde voor {option}; kies uit: {valid}.")
            }
        }
    },
    arg_conflict: |one, other| {
        if one.to_string() == other.to_string() {
            format!("{one} mag maar één keer.")
        } else {
            format!("{one} kan niet samen met {other}.")
        }
    },
    arg_other: "de opdrachtregel is niet te lezen.",
    arg_see_help: "'tafel --help' toont de opdrachten en opties.",
    dir_symlink: |path| {
        format!(
            "{path} is een symbolische koppeling; tafel gebruikt daar alleen een echte map (zet de map zelf op die plek)"
        )
    },
    dir_not_a_folder: |path| format!("{path} bestaat maar is geen map"),
    dir_io: |path| format!("de map {path} kan niet worden gebruikt"),
    cli_copy_listed: "kopie, telt niet mee",
    cli_conflict_listed: "conflict van de synchronisatie, telt niet mee",
    load_gone: "bestaat niet meer",
    load_no_permission: "geen toestemming om het te lezen",
    load_io: "kan niet worden gelezen",
    load_damaged: |line, column| {
        format!("beschadigd: geen geldige JSON bij regel {line}, kolom {column}")
    },
    load_truncated: |line, column| {
        format!("onvolledig: het bestand houdt op bij regel {line}, kolom {column}")
    },
    load_bad_value: |line, column| {
        format!("een waarde die tafel niet kan gebruiken, bij regel {line}, kolom {column}")
    },
    load_not_session: "geen (volledig) gesprek van tafel",
    load_too_new: |version, supported| {
        format!(
            "gemaakt met een nieuwere versie van tafel (bestandsversie {version}; deze versie leest tot en met {supported}): werk tafel bij om het te openen"
        )
    },
    load_too_large: |size, limit| {
        format!("te groot voor een gesprek ({size} bytes; hooguit {limit})")
    },
    load_symlink: "een verwijzing (symbolische link); tafel opent alleen gewone bestanden",
    load_bad_name: "de bestandsnaam is geen geldige tekst; geef het bestand een andere naam om het te openen",
    load_not_a_file: "geen gewoon bestand (een pijp, een apparaat of een map); tafel leest het niet",
    load_too_long: |field, limit, unit| {
        format!(
            "het veld {field} is langer dan tafel toestaat (hooguit {limit} {unit}); het bestand blijft zoals het is"
        )
    },
    characters: "tekens",
    resolve_not_found: |given| {
        format!("geen gesprek gevonden voor '{given}'; 'tafel list' toont de gesprekken")
    },
    resolve_ambiguous: |given, count, examples| {
        format!("'{given}' past bij {count} gesprekken ({examples}); typ meer tekens van de id")
    },
    resolve_io: |path| format!("de map met gesprekken {path} kan niet worden gelezen"),
    arg_price_year: "een jaar (zoals 2025) of nominal",
    cli_no_home: "geen thuismap gevonden voor de bibliotheek; geef --data-dir MAP of zet TAFEL_DATA_DIR",
    cli_cannot_open_library: |path| format!("kan de bibliotheek in {path} niet openen"),
    cli_demo_written: "voorbeeldgesprekken geschreven in",
    cli_demo_unchanged: "De voorbeeldgesprekken stonden er al; er is niets veranderd.",
    cli_valid: "in orde",
    cli_read_only_newer: "gemaakt met een nieuwere versie van tafel; alleen lezen",
    cli_end_needs_reason: "Zeg waarom de serie stopt: --reason goal-reached, moved-away, declined, contact-lost of other.",
    cli_series_ended: |case, reason, on, wave| {
        format!(
            "Serie {case} afgesloten ({reason}) op {on}, vastgelegd in {wave}. Er is geen vervolggesprek meer nodig."
        )
    },
    cli_series_reopened: |case, wave| {
        format!("Serie {case} loopt weer door (vastgelegd in {wave}).")
    },
    cli_tui_not_yet: "Het scherm voor het gesprek is nog niet gebouwd in deze versie. Dit gesprek is wel aangemaakt:",
    cli_needs_yes: "Verwijderen vraagt om bevestiging; voeg --yes toe om zonder vraag te verwijderen.",
    cli_delete_confirm: |id| {
        format!(
            "Gesprek {id} voorgoed verwijderen, ook uit de prullenbak? Typ ja om te bevestigen:"
        )
    },
    cli_nothing_deleted: "Er is niets verwijderd.",
    cli_deleted: "Voorgoed verwijderd:",
    cli_purge_none: "Er zijn geen gesprekken over hun bewaartermijn.",
    cli_finished_delete: |n| {
        format!("Afgemaakt: {n} eerder begonnen verwijdering(en) die onderbroken was.")
    },
    cli_unfinished_delete: |n| {
        format!(
            "Let op: {n} verwijdering(en) is onderbroken voordat alles weg was. De volgende `tafel delete`, `tafel purge` of start van tafel maakt die af."
        )
    },
    cli_purge_confirm: |count| {
        format!("Deze {count} gesprekken voorgoed verwijderen? Typ ja om te bevestigen:")
    },
    cli_will_remove: "Dit wordt voorgoed verwijderd:",
    cli_copy: "(een kopie: de bestandsnaam is niet de id van het gesprek)",
    cli_in_trash: "(in de prullenbak)",
    cli_export_removed_too: "rapport ervan, wordt ook verwijderd:",
    cli_export_changed: "rapport ervan, gewijzigd sinds tafel het schreef; verwijder het zelf als het weg moet:",
    cli_export_anonymous_kept: "anoniem rapport, blijft (er staan geen persoonsgegevens in):",
    cli_delete_refused: "niet verwijderd",
};

/// The help of the command line (`tafel --help`, `tafel export --help`) in Dutch: per
/// command (its path, as `keys add`) and argument (its id; "" for the command itself).
/// The English is the derive's own (`src/cli/mod.rs`); a test checks that every command
/// and argument has its Dutch line here.
pub static CLI_HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "",
        "Begeleid een tafelgesprek volgens de Effectencalculator.",
    ),
    (
        "",
        "data_dir",
        "Map met de bibliotheek (standaard: de datamap van het platform, of TAFEL_DATA_DIR)",
    ),
    (
        "",
        "lang",
        "Taal van de schermen en meldingen: nl of en (standaard: uit de locale, anders nl)",
    ),
    (
        "",
        "keys_dir",
        "Map met je persoonlijke sleutel (standaard: keys/ in de lokale datamap van het platform, of TAFEL_KEYS_DIR); houd hem buiten een gedeelde map",
    ),
    (
        "",
        "passphrase_file",
        "Lees de wachtwoordzin van je sleutel uit de eerste regel van dit bestand (voor scripts), in plaats van hem te vragen",
    ),
    (
        "new",
        "",
        "Maak een gesprek en open het, met de cursor in het eerste veld",
    ),
    (
        "new",
        "project",
        "Het project waar het bij hoort (de naam van de aanpak of het programma)",
    ),
    (
        "new",
        "case_code",
        "Een pseudoniem voor de casus, nooit een echte naam",
    ),
    (
        "open",
        "",
        "Open een gesprek op id (of een uniek begin ervan) of pad",
    ),
    ("open", "id", "Het gesprek: id, uniek begin of pad"),
    (
        "follow-up",
        "",
        "Begin de volgende meting (T1, T2, ...) van de reeks van een gesprek en open die",
    ),
    (
        "follow-up",
        "id",
        "Een gesprek van de reeks (id, uniek begin of pad)",
    ),
    (
        "list",
        "",
        "Toon de gesprekken in de bibliotheek; onleesbare bestanden met de reden",
    ),
    ("list", "json", "Als JSON, voor scripts"),
    ("show", "", "Toon een leesbare samenvatting van een gesprek"),
    ("show", "id", "Het gesprek: id, uniek begin of pad"),
    (
        "show",
        "price_year",
        "Zet elk bedrag op het prijspeil van dit jaar, of `nominal` voor bedragen zoals ingevoerd (standaard: het prijsjaar van het gesprek zelf)",
    ),
    (
        "validate",
        "",
        "Controleer sessiebestanden; afsluitcode 0 als ze allemaal kloppen",
    ),
    ("validate", "files", "De sessiebestanden om te controleren"),
    ("schema", "", "Toon het JSON-schema van het sessiebestand"),
    (
        "demo",
        "",
        "Zet de verzonnen voorbeeldgesprekken in de bibliotheek (twee keer doen verandert niets)",
    ),
    (
        "export",
        "",
        "Schrijf een verslag van één gesprek, of (met --all) de hele bibliotheek als platte tabellen",
    ),
    (
        "export",
        "id",
        "Het gesprek (id, uniek begin of pad); weglaten bij --all",
    ),
    (
        "export",
        "all",
        "Exporteer elk gesprek in de bibliotheek (csv of jsonl)",
    ),
    (
        "export",
        "format",
        "Een verslag (markdown, html, handout: de uitdraai voor de deelnemer) of de gegevens (json; csv of jsonl met --all)",
    ),
    (
        "export",
        "output",
        "Schrijf naar dit bestand (of deze map, bij --all --format csv) in plaats van naar de standaarduitvoer",
    ),
    (
        "export",
        "anonymous",
        "Laat aliassen, casuscodes, vrije tekst en citaten weg; datums alleen per maand",
    ),
    (
        "export",
        "wall",
        "Met --format html: alleen de tijdlijn met twee banen, op A3 liggend, voor de muur bij de volgende tafel",
    ),
    (
        "export",
        "include_demo",
        "Met --all: ook de verzonnen voorbeeldcasussen (casuscodes DEMO-...)",
    ),
    (
        "export",
        "price_year",
        "Zet elk bedrag op het prijspeil van dit jaar, of `nominal` voor bedragen zoals ingevoerd (standaard: het prijsjaar van elk gesprek). Met --all één prijspeil voor de hele bibliotheek",
    ),
    (
        "end-series",
        "",
        "Sluit een reeks tafels af (geen vervolggesprekken meer), of laat hem met --reopen doorgaan",
    ),
    (
        "end-series",
        "id",
        "Een gesprek van de reeks (id, uniek begin of pad)",
    ),
    (
        "end-series",
        "reason",
        "Waarom hij eindigde: goal-reached (doel bereikt), moved-away (verhuisd), declined (wil niet meer), contact-lost (geen contact meer) of other (anders)",
    ),
    (
        "end-series",
        "on",
        "De dag waarop hij eindigde (standaard: vandaag)",
    ),
    ("end-series", "note", "Waarom, in woorden"),
    ("end-series", "reopen", "De reeks gaat toch door"),
    (
        "portfolio",
        "",
        "Wat de aanpak oplevert over de casussen van een project (of van alle projecten)",
    ),
    (
        "portfolio",
        "project",
        "Alleen dit project (de naam zoals in de gesprekken)",
    ),
    (
        "portfolio",
        "format",
        "text (standaard), markdown, html of json",
    ),
    (
        "portfolio",
        "output",
        "Schrijf naar dit bestand in plaats van naar de standaarduitvoer",
    ),
    (
        "portfolio",
        "anonymous",
        "Laat casuscodes, vrije tekst en bestandsnamen weg",
    ),
    (
        "portfolio",
        "price_year",
        "Elk bedrag op het prijspeil van dit jaar, of `nominal` voor bedragen zoals ingevoerd (standaard: het nieuwste jaar van de meegeleverde prijsindex)",
    ),
    (
        "portfolio",
        "include_demo",
        "Ook de verzonnen voorbeeldcasussen (casuscodes DEMO-...)",
    ),
    (
        "portfolio",
        "include_unconsented",
        "Ook casussen zonder toestemming voor rapportage (alleen als tekst: het eigen overzicht van de gespreksleider)",
    ),
    (
        "compare",
        "",
        "Vergelijk twee gesprekken (meestal twee metingen van één casus)",
    ),
    (
        "compare",
        "a",
        "Het ene gesprek (id, uniek begin of pad); tafel zet de eerdere meting vooraan",
    ),
    ("compare", "b", "Het andere gesprek"),
    (
        "compare",
        "format",
        "text (standaard), markdown, html of json",
    ),
    (
        "compare",
        "output",
        "Schrijf naar dit bestand in plaats van naar de standaarduitvoer",
    ),
    (
        "delete",
        "",
        "Verwijder een gesprek voorgoed (met de kopie in de prullenbak en het slotbestand)",
    ),
    (
        "delete",
        "id",
        "Het gesprek (id of uniek begin: elk bestand ervan), of het pad van één bestand",
    ),
    ("delete", "yes", "Niet om bevestiging vragen"),
    (
        "keys",
        "",
        "Je persoonlijke sleutel en de sleutels van het team van een versleutelde bibliotheek",
    ),
    (
        "keys init",
        "",
        "Maak je persoonlijke sleutel (vraagt een wachtwoordzin; wie die vergeet, verliest wat ermee versleuteld is)",
    ),
    (
        "keys add",
        "",
        "Voeg de openbare sleutel (age1...) van een teamlid toe: die is dan op deze laptop bevestigd en krijgt de bibliotheeksleutel; er wordt geen gespreksbestand herschreven",
    ),
    (
        "keys add",
        "public_key",
        "Hun openbare sleutel (age1...), zoals keys init die voor hen toonde",
    ),
    ("keys add", "name", "Een naam om hen aan te herkennen"),
    (
        "keys list",
        "",
        "De teamleden, of hun sleutels op deze laptop bevestigd zijn, en de woorden van elke sleutel",
    ),
    (
        "keys remove",
        "",
        "Verwijder een teamlid (op naam of sleutel): de bibliotheek krijgt een nieuwe sleutel, en elk bestand wordt daarvoor versleuteld",
    ),
    ("keys remove", "member", "Hun naam of openbare sleutel"),
    (
        "keys confirm",
        "",
        "Bevestig de sleutel van een teamlid op deze laptop, na het vergelijken van de woorden (telefonisch); wie de bibliotheeksleutel nog niet heeft, krijgt hem",
    ),
    ("keys confirm", "member", "Hun naam of openbare sleutel"),
    (
        "keys confirm",
        "yes",
        "Bevestig zonder te vragen (vergelijk eerst de woorden)",
    ),
    (
        "keys export-library",
        "",
        "Schrijf de bibliotheeksleutel uit, voor age -d -i SLEUTEL BESTAND (wie hem heeft, opent elk bestand)",
    ),
    (
        "keys export-library",
        "output",
        "Schrijf naar dit bestand (alleen door jou te lezen) in plaats van naar de standaarduitvoer",
    ),
    (
        "encrypt",
        "",
        "Versleutel de bibliotheek voor een eigen bibliotheeksleutel, gegeven aan jou en de teamleden die je bevestigde, bestand voor bestand; veilig te onderbreken en opnieuw te geven (niets wordt twee keer herschreven)",
    ),
    (
        "decrypt",
        "",
        "Maak een versleutelde bibliotheek weer onversleuteld, bestand voor bestand; of schrijf met FILE de leesbare tekst van één versleuteld bestand (een export, om af te drukken) naar -o of de standaarduitvoer",
    ),
    (
        "decrypt",
        "file",
        "Eén versleuteld bestand (een export); weglaten om de hele bibliotheek te ontsleutelen",
    ),
    (
        "decrypt",
        "output",
        "Schrijf naar dit bestand in plaats van naar de standaarduitvoer",
    ),
    (
        "purge",
        "",
        "Verwijder de gesprekken waarvan de bewaartermijn voorbij is",
    ),
    (
        "purge",
        "expired",
        "Verplicht: verwijder alleen wat verlopen is",
    ),
    ("purge", "yes", "Niet om bevestiging vragen"),
];
