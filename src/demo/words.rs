//! The demo plan's vocabulary: Danish names, job titles, units, and the phrases of municipal
//! planning prose the generator combines.

pub(super) const FIRST_NAMES: [&str; 40] = [
    "Anne", "Mette", "Lars", "Søren", "Jens", "Hanne", "Birgitte", "Bjørn", "Åse", "Jørgen",
    "Karen", "Niels", "Pia", "Henrik", "Lone", "Morten", "Sanne", "Rasmus", "Tove", "Ole",
    "Dorthe", "Mads", "Lærke", "Thomas", "Signe", "Kasper", "Gitte", "Poul", "Ida", "Frederik",
    "Susanne", "Anders", "Malene", "Bent", "Camilla", "Torben", "Helle", "Mikkel", "Inge", "Søs",
];

pub(super) const LAST_NAMES: [&str; 24] = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Mølgaard",
    "Kjær",
    "Østergaard",
    "Holm",
    "Lund",
    "Bæk",
    "Dahl",
    "Skovgaard",
    "Frederiksen",
    "Madsen",
    "Thygesen",
    "Brøndum",
    "Vestergaard",
    "Aagaard",
];

pub(super) const JOB_TITLES: [&str; 12] = [
    "Afdelingsleder",
    "Konsulent",
    "Sundhedschef",
    "Chefkonsulent",
    "Fagkoordinator",
    "Teamleder",
    "Økonomikonsulent",
    "Udviklingskonsulent",
    "Specialkonsulent",
    "HR-konsulent",
    "Socialchef",
    "Sagsbehandler",
];

pub(super) const UNITS: [&str; 8] = [
    "Sundhedsafdelingen",
    "Socialafdelingen",
    "Ældreafdelingen",
    "Jobcentret",
    "Økonomi og Styring",
    "Handicap og Psykiatri",
    "Forvaltningens stab",
    "Tandplejen",
];

pub(super) const AREA_TITLES: [&str; 16] = [
    "Sundhed og forebyggelse",
    "Mestring af livet",
    "Aktivt medborgerskab",
    "Den kompetente kommune",
    "Velfærdsteknologi og digitalisering",
    "Rehabilitering og hverdagsliv",
    "Beskæftigelse og uddannelse",
    "Ledelse og trivsel",
    "Økonomistyring",
    "Sammenhængende borgerforløb",
    "Psykisk sundhed",
    "Miljø og klima",
    "Frivillighed og civilsamfund",
    "Kvalitet i ældreplejen",
    "Tidlig indsats for udsatte familier",
    "Rekruttering og fastholdelse",
];

pub(super) const AREA_ASPECTS: [&str; 6] = [
    "samarbejde på tværs",
    "data og dokumentation",
    "borgerinddragelse",
    "kompetenceudvikling",
    "implementering",
    "opfølgning og evaluering",
];

pub(super) const SUBJECTS: [&str; 12] = [
    "forvaltningen",
    "afdelingerne",
    "Sundhedsafdelingen",
    "ledelsen",
    "medarbejderne",
    "de tværfaglige teams",
    "kommunen",
    "projektgruppen",
    "styregruppen",
    "Jobcentret",
    "hjemmeplejen",
    "Ældreafdelingen",
];

pub(super) const VERBS: [&str; 12] = [
    "arbejder målrettet med",
    "styrker",
    "udvikler",
    "følger løbende op på",
    "prioriterer",
    "har særligt fokus på",
    "understøtter",
    "evaluerer",
    "afprøver nye måder at organisere",
    "forankrer",
    "samarbejder med civilsamfundet om",
    "kortlægger",
];

pub(super) const OBJECTS: [&str; 20] = [
    "den forebyggende og sundhedsfremmende indsats",
    "borgernes mestring af eget liv",
    "kvaliteten i hjemmeplejen",
    "sammenhængende borgerforløb",
    "den tidlige opsporing af sårbare ældre",
    "digital selvbetjening",
    "velfærdsteknologiske løsninger",
    "rehabiliteringsforløbene",
    "samarbejdet med almen praksis",
    "økonomistyringen på tværs af afdelingerne",
    "medarbejdernes trivsel og faglige udvikling",
    "overgangen fra hospital til eget hjem",
    "indsatsen for borgere med psykiske lidelser",
    "ledige borgeres vej til arbejdsmarkedet",
    "kvalitetsstandarderne for praktisk hjælp",
    "frivillighedsindsatsen",
    "dokumentationen i omsorgsjournalen",
    "tilsynet med plejecentrene",
    "indsatsen mod ensomhed blandt ældre",
    "sagsbehandlingstiderne på handicapområdet",
];

pub(super) const ENDINGS: [&str; 14] = [
    "",
    "",
    "",
    "i tæt dialog med borgerne",
    "på tværs af forvaltningens afdelinger",
    "inden for den givne økonomiske ramme",
    "med afsæt i kommunens sundhedspolitik",
    "i samarbejde med regionen og almen praksis",
    "med særligt fokus på ulighed i sundhed",
    ", så ressourcerne anvendes, hvor de gør størst mulig gavn",
    "gennem samskabelse med lokale foreninger",
    "i overensstemmelse med de politisk vedtagne kvalitetsstandarder",
    "og resultaterne formidles til det politiske udvalg",
    "som en del af kommunens strategi for velfærd",
];

pub(super) const OPENERS: [&str; 8] = [
    "Derfor",
    "Samtidig",
    "I planperioden",
    "Fremover",
    "På den baggrund",
    "I 2027",
    "Som opfølgning på den forrige plan",
    "Med budgetaftalen",
];

pub(super) const STOCK_SENTENCES: [&str; 10] = [
    "Indsatsen evalueres ved udgangen af planperioden.",
    "Erfaringerne samles op og formidles til de relevante fagudvalg.",
    "Der er tale om en videreførelse af en indsats fra den forrige virksomhedsplan.",
    "Målet er, at flere borgere kan klare sig selv længst muligt.",
    "Indsatsen skal ses i sammenhæng med de nationale reformer på området.",
    "Det forudsætter, at medarbejderne har de nødvendige kompetencer.",
    "Arbejdet sker i et tæt samarbejde med Ældrerådet og Handicaprådet.",
    "Prioriteringen skal sikre balance mellem opgaver og ressourcer.",
    "Borgernes egne ressourcer og netværk inddrages i videst muligt omfang.",
    "Udgifterne afholdes inden for forvaltningens eksisterende budget.",
];

pub(super) const GOAL_VERBS: [&str; 10] = [
    "Styrke",
    "Udvikle",
    "Implementere en ny model for",
    "Understøtte",
    "Sikre",
    "Udbrede",
    "Afprøve nye former for",
    "Forankre",
    "Evaluere",
    "Nytænke",
];

pub(super) const DOC_ITEMS: [&str; 10] = [
    "Der er udarbejdet en skriftlig evaluering af indsatsen.",
    "Der er gennemført temadage for ledere og medarbejdere.",
    "Der foreligger en handleplan, som er godkendt i direktionen.",
    "Resultaterne er fremlagt for Sundheds- og Socialudvalget.",
    "Der er gennemført en brugertilfredshedsundersøgelse.",
    "Der er udarbejdet nøgletal, som følges kvartalsvis.",
    "Indsatsen er beskrevet i kvalitetsstandarden.",
    "Der er etableret et fast samarbejdsforum med almen praksis.",
    "Erfaringerne er samlet i en kort rapport.",
    "Der er gennemført en økonomisk analyse af besparelsespotentialet.",
];

pub(super) const FOLLOW_UP_SENTENCES: [&str; 12] = [
    "Arbejdet er igangsat og forløber planmæssigt.",
    "Der er nedsat en arbejdsgruppe med deltagelse fra alle afdelinger.",
    "Indsatsen er forsinket på grund af manglende ressourcer i afdelingen.",
    "Projektbeskrivelsen er godkendt, og de første borgere er visiteret.",
    "Der er afholdt et opstartsmøde med de eksterne samarbejdspartnere.",
    "Den første delevaluering viser positive resultater.",
    "Implementeringen er udskudt til efter budgetforhandlingerne.",
    "Målgruppen er kortlagt, og der arbejdes nu på konkrete tiltag.",
    "Indsatsen er afsluttet og overgår til drift.",
    "Der mangler fortsat data for at kunne vurdere effekten.",
    "Medarbejderne har taget godt imod de nye arbejdsgange.",
    "Sagen er drøftet i udvalget, som har bedt om en status efter sommerferien.",
];

pub(super) const BUDGET_AREAS: [&str; 8] = [
    "Ældrepleje",
    "Sundhed og forebyggelse",
    "Handicap og psykiatri",
    "Beskæftigelse",
    "Forsørgelsesydelser",
    "Sociale tilbud",
    "Tandpleje",
    "Administration",
];

pub(super) const SECTION_TITLES: [&str; 4] = [
    "Indledning",
    "Hvem er vi?",
    "Hvorfor er vi her?",
    "Rammerne for forvaltningens arbejde",
];
