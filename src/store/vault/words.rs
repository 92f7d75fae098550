//! The 256 words a key's fingerprint is read in ([`super::signoff::fingerprint`]): short,
//! common Dutch nouns, one per byte, chosen so that no two sound alike over the phone
//! (no "mes" beside "mos", no "pen" beside "pan"). The same words in either language:
//! two people compare what their own screens say, whatever language each runs tafel in.

pub const WORDS: [&str; 256] = [
    "aap", "appel", "arend", "baan", "bal", "bank", "beer", "berg", "bij", "bloem", "boek", "boom",
    "boot", "brood", "brug", "bus", "dak", "deur", "dijk", "dorp", "draak", "duif", "duim", "eend",
    "egel", "eik", "ezel", "fiets", "fluit", "gans", "geit", "gras", "haai", "haan", "hamer",
    "haven", "hek", "hert", "hoed", "hond", "honing", "hut", "ijs", "inkt", "jas", "jurk", "kaars",
    "kaas", "kabel", "kano", "kast", "kat", "kerk", "kikker", "kip", "klok", "knoop", "koe",
    "koffie", "kom", "kompas", "koning", "kool", "korf", "kraan", "krant", "kroon", "kruik",
    "laars", "lamp", "lepel", "leeuw", "lelie", "lucht", "maan", "mand", "markt", "mast", "meer",
    "melk", "mes", "mier", "molen", "mug", "muur", "nest", "neus", "noot", "oever", "olie", "oog",
    "oor", "otter", "oven", "paard", "parel", "pauw", "pen", "pijl", "pijp", "plank", "plein",
    "pomp", "pop", "pot", "raam", "rat", "riet", "ring", "rivier", "rots", "roos", "schaap",
    "schip", "school", "slak", "sleutel", "sluis", "spin", "spons", "stad", "stal", "ster",
    "stoel", "storm", "straat", "strand", "stroom", "suiker", "tafel", "tang", "tas", "teen",
    "tent", "tijger", "toren", "trein", "trap", "tuin", "uil", "vaas", "valk", "veer", "veld",
    "venster", "vis", "vlag", "vlieg", "vlinder", "vloer", "vogel", "vork", "vos", "vuur", "wagen",
    "wal", "walvis", "wand", "water", "web", "weg", "wei", "wiel", "wijn", "wind", "wolf", "worm",
    "zaag", "zak", "zand", "zee", "zeil", "zeep", "zon", "zout", "zwaan", "anker", "beek", "bever",
    "bord", "bril", "citroen", "dolfijn", "emmer", "fles", "gieter", "gitaar", "graan", "hagel",
    "harp", "hooi", "kalf", "kiezel", "kraai", "krab", "kreeft", "lint", "luik", "meeuw", "mol",
    "muts", "nacht", "oester", "paling", "palm", "pinda", "plant", "pluim", "raaf", "regen",
    "rijst", "schelp", "sjaal", "slee", "sneeuw", "sok", "spiegel", "stier", "stok", "taart",
    "tegel", "tomaat", "trommel", "tulp", "vijver", "vinger", "viool", "wafel", "wesp", "wortel",
    "zadel", "zolder", "zwaard", "eiland", "fakkel", "gordijn", "haring", "helm", "hemel", "ijzer",
    "kelder", "klei", "koets", "kussen", "ladder", "mantel", "mossel", "orgel", "papier", "poes",
    "rups", "snoep", "soep", "spade", "speer", "stempel",
];
