"""Synthetic but valid data: N records across all collections, written into a throw-away project.

Why synthetic: the benchmark has to say how the build behaves at 1,000 and 10,000 records long
before the real data set is that large. The data is only useful if it stresses the generator the
way real records will, so it keeps the shape of the real data rather than being random noise:

* the collections in roughly the real proportions (``SHARES``);
* every record valid against its schema, every reference resolving, every value taken from
  ``data/vocabularies.yaml``, so the whole pipeline runs (a benchmark of the error path is useless);
* cross-references like the real ones: instruments name partners and funds, cases name partners,
  instruments, funds and places, glossary terms have broader and related terms, every record cites
  a source, and descriptions use glossary terms (which the generator links and counts in "gebruikt in");
* Dutch-looking text of realistic length (summaries of one or two sentences, descriptions of a few
  Markdown paragraphs with emphasis, lists and links), with a long tail of compound words so that
  the search index has a realistic vocabulary instead of a few hundred words;
* popularity that does not depend on N: references pick targets with :func:`_popular`, whose
  distribution over a record's *rank fraction* is the same at every size. A median record is then
  named by as many others at 10,000 records as at 1,000, so a page that grows with N points at the
  generator, not at the data (popular records still get more backlinks at larger N, as in reality);
* determinism: one seeded :class:`random.Random`, no set iteration, no clock, so two runs with the
  same seed write byte-identical files and timings can be compared between commits.

Glossary labels are always two words (an adjective and a compound) and the filler text never puts
an adjective directly before a compound, so a glossary term is "used in" a record only where the
text deliberately mentions it, as in real records.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator.config import COLLECTION_ORDER
from generator.load import fold, make_id

# Share of the records per collection: roughly the proportions of the real data set and of what the
# network expects to collect (many partners, instruments and terms; fewer funds, cases, sources).
SHARES: dict[str, float] = {
    "glossary": 0.25,
    "instruments": 0.25,
    "funds": 0.05,
    "partners": 0.25,
    "cases": 0.15,
    "sources": 0.05,
}

# Copied from the real project so the benchmark builds with the real theme and settings.
PROJECT_FILES = ("mkdocs.yml", "kennisbank.yaml")
PROJECT_DIRS = ("overrides",)

# -- the lexicon ---------------------------------------------------------------------------------
# First and second parts of compound words (the second part decides the article).
HEADS = [
    "gebieds", "binnenstads", "vastgoed", "winkel", "woning", "transformatie", "investerings", "kennis",
    "samenwerkings", "financierings", "grond", "kern", "centrum", "erfgoed", "klimaat", "mobiliteits",
    "energie", "regio", "stads", "dorps", "markt", "plint", "leegstands", "ontwikkel", "beleids",
    "uitvoerings", "impact", "waarde", "ruimte", "omgevings", "zorg", "bedrijfs", "horeca", "cultuur",
    "water", "groen", "verkeers", "wijk", "buurt", "eigendoms",
]
TAILS = [
    ("regie", "de"), ("fonds", "het"), ("aanpak", "de"), ("strategie", "de"), ("agenda", "de"),
    ("visie", "de"), ("plan", "het"), ("model", "het"), ("team", "het"), ("netwerk", "het"),
    ("pool", "de"), ("makelaar", "de"), ("monitor", "de"), ("toets", "de"), ("kader", "het"),
    ("register", "het"), ("pact", "het"), ("deal", "de"), ("opgave", "de"), ("programma", "het"),
    ("regeling", "de"), ("lening", "de"), ("garantie", "de"), ("budget", "het"), ("loket", "het"),
    ("atlas", "de"), ("scan", "de"), ("route", "de"), ("tafel", "de"), ("coalitie", "de"),
    ("akkoord", "het"), ("ladder", "de"), ("methode", "de"), ("wijzer", "de"), ("kaart", "de"),
    ("profiel", "het"), ("contract", "het"), ("overleg", "het"), ("raad", "de"), ("platform", "het"),
]
# Inflected adjectives: only used in glossary labels and before plain nouns, never before a compound.
ADJECTIVES = [
    "integrale", "duurzame", "gemengde", "lokale", "regionale", "publieke", "private", "gezamenlijke",
    "flexibele", "revolverende", "maatschappelijke", "toekomstbestendige", "vitale", "compacte",
    "inclusieve", "circulaire", "strategische", "tijdelijke", "collectieve", "gebiedsgerichte",
    "betaalbare", "groene", "sociale", "economische", "ruimtelijke", "juridische", "financiële",
    "bestuurlijke", "nieuwe", "bestaande",
]
SUBJECTS = [
    "de gemeente", "het Rijk", "de provincie", "de regio", "het college", "de gemeenteraad",
    "het samenwerkingsverband", "een groep eigenaren", "de ondernemersvereniging", "de woningcorporatie",
    "het ministerie", "de vastgoedeigenaar", "het expertteam", "de centrummanager", "de initiatiefnemer",
    "de binnenstadscoöperatie", "het kennisplatform", "de stuurgroep", "het bestuur", "de projectleider",
]
# (third person singular, infinitive = plural)
VERBS = [
    ("ondersteunt", "ondersteunen"), ("stimuleert", "stimuleren"), ("versnelt", "versnellen"),
    ("financiert", "financieren"), ("verbindt", "verbinden"), ("onderzoekt", "onderzoeken"),
    ("begeleidt", "begeleiden"), ("ontwikkelt", "ontwikkelen"), ("versterkt", "versterken"),
    ("coördineert", "coördineren"), ("verkent", "verkennen"), ("organiseert", "organiseren"),
    ("bundelt", "bundelen"), ("faciliteert", "faciliteren"), ("beoordeelt", "beoordelen"),
    ("monitort", "monitoren"), ("agendeert", "agenderen"), ("verduurzaamt", "verduurzamen"),
    ("herontwikkelt", "herontwikkelen"), ("activeert", "activeren"), ("evalueert", "evalueren"),
    ("vereenvoudigt", "vereenvoudigen"), ("borgt", "borgen"), ("programmeert", "programmeren"),
]
OBJECTS = [
    "de transformatie van winkelgebieden", "lokale initiatieven", "de herbestemming van leegstaand vastgoed",
    "nieuwe woningen boven winkels", "de samenwerking tussen overheden en marktpartijen", "kleine ondernemers",
    "de aanpak van ondermijning", "investeringen in de openbare ruimte", "het gesprek met vastgoedeigenaren",
    "de kennis van gemeenten", "de plannen van bewoners", "een gezonde mix van functies",
    "de leegstand in aanloopstraten", "betaalbare bedrijfsruimte", "de vergroening van pleinen",
    "de bereikbaarheid van het centrum", "tijdelijke invulling van lege panden", "de positie van huurders",
    "het eigendom van panden", "de verduurzaming van monumenten", "de inzet van private financiering",
    "gezamenlijke afspraken over de programmering", "de kwaliteit van de plinten", "de sociale veiligheid",
    "de ontwikkeling van stationsgebieden", "de rol van maatschappelijke organisaties",
    "het verzamelen van gegevens over passanten", "de afstemming tussen beleidsvelden",
    "de verbinding tussen stad en ommeland", "experimenten met nieuwe regels",
]
PREPOSITIONS = [
    "in middelgrote kernen", "in de aanloopstraten", "rond het stationsgebied", "voor de komende jaren",
    "met steun van het Rijk", "op regionale schaal", "binnen de bestaande regels", "zonder extra budget",
    "in nauwe samenwerking met de provincie", "aan de hand van een stappenplan",
    "op basis van een gedeelde visie", "in kleinere dorpen", "in de historische binnenstad",
    "samen met bewoners en ondernemers", "met een looptijd van vijf jaar", "in krimpgebieden",
    "langs de belangrijkste winkelstraten", "in alle deelnemende gemeenten",
]
OPENERS = [
    "Volgens de bron", "In de praktijk", "Sinds de start", "Op dit moment", "In de eerste fase",
    "Daarnaast", "Bovendien", "Tegelijk", "Vanaf volgend jaar", "In veel gemeenten",
]
TOWN_HEADS = [
    "Oost", "West", "Noord", "Zuid", "Hoog", "Laag", "Nieuw", "Oud", "Groot", "Klein", "Berg", "Veen",
    "Dijk", "Zand", "Heide", "Water", "Linde", "Eike", "Brug", "Mol", "Hof", "Kerk", "Molen", "Steen",
    "Wester", "Ooster", "Beek", "Haven", "Sluis", "Akker",
]
TOWN_TAILS = [
    "veld", "dam", "broek", "horst", "dorp", "wijk", "hoven", "rade", "donk", "loo", "berg", "zijl",
    "meer", "kerk", "burg", "ingen", "um", "sum", "hout", "sloot", "woude", "ven", "beek", "drecht",
    "mond", "haar", "stein", "rode", "voort", "lo",
]
SURNAMES = ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
            "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit"]
ROLES = ["Programmamanager", "Beleidsadviseur", "Projectleider", "Centrummanager", "Accountmanager",
         "Strategisch adviseur", "Coördinator"]
DOCUMENT_TYPES = ["Dealtekst", "Programmavoorstel", "Position paper", "Kamerbrief", "Evaluatierapport",
                  "Handreiking", "Onderzoeksrapport", "Jaarverslag", "Beleidsnota", "Convenant"]
# Nouns with "het" (relative pronoun "dat"); the others take "de" ("die").
NEUTER = {"programma", "instrument", "begrip", "fonds", "fondsmodel", "netwerk", "project", "voorbeeld", "document"}
MENTIONS = ["Zie ook het begrip {}.", "Hier speelt het begrip {} een rol.", "Dit raakt aan het begrip {}."]
LAST_REVIEW = date(2026, 11, 23)  # a fixed date, not today: the data must not change with the clock
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _popular(rng: random.Random, items: list[Any], skew: float = 2.0) -> Any:
    """One item, the first ones more often: ``P(rank fraction < x) = x ** (1 / skew)`` at every size.

    Scale-invariant on purpose: the share of references that goes to the top 1% of records is the
    same at 1,000 and at 10,000 records, so the *median* page does not grow with N.
    """
    return items[min(len(items) - 1, int(len(items) * rng.random() ** skew))]


def _some(rng: random.Random, items: list[Any], low: int, high: int, exclude: Any = None, skew: float = 2.0) -> list[Any]:
    """Between ``low`` and ``high`` distinct popular items (fewer if there are not enough)."""
    wanted = rng.randint(low, high)
    out: list[Any] = []
    seen = {_key(exclude)} if exclude is not None else set()
    for _ in range(wanted * 6):
        if len(out) >= wanted:
            break
        item = _popular(rng, items, skew)
        if _key(item) not in seen:
            seen.add(_key(item))
            out.append(item)
    return out


def _key(item: Any) -> str:
    """Records compare by id (comparing whole records would be slow), vocabulary values as they are."""
    return item.id if isinstance(item, Stub) else str(item)


@dataclass
class Stub:
    """A record before its fields are filled: collection, id and title are fixed first, so that
    every record can refer to any other one."""

    collection: str
    id: str
    title: str
    abbreviation: str = ""
    fields: dict[str, Any] = field(default_factory=dict)


class Writer:
    """Makes the records of one data set; one instance per (size, seed)."""

    def __init__(self, vocabularies: dict[str, list[dict[str, Any]]], seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = {name: [e["id"] for e in entries] for name, entries in vocabularies.items()}
        self.places = vocabularies["places"]
        self.compounds = [(head + tail, article) for head in HEADS for tail, article in TAILS]
        self.rng.shuffle(self.compounds)
        self.towns = [head + tail.lower() for head in TOWN_HEADS for tail in TOWN_TAILS]
        self.rng.shuffle(self.towns)
        self.titles: dict[str, set[str]] = {name: set() for name in COLLECTION_ORDER}
        self.ids: dict[str, set[str]] = {name: set() for name in COLLECTION_ORDER}
        self.labels: set[str] = set()  # every glossary label and abbreviation, folded: no two terms share one
        self.stubs: dict[str, list[Stub]] = {name: [] for name in COLLECTION_ORDER}
        self.synonyms: dict[str, str] = {}

    # -- words -----------------------------------------------------------------------------------

    def compound(self) -> tuple[str, str]:
        """A compound noun and its article; the long tail of the search vocabulary."""
        return _popular(self.rng, self.compounds, 1.5)

    def town(self) -> str:
        return _popular(self.rng, self.towns, 1.5)

    def noun_phrase(self) -> str:
        if self.rng.random() < 0.35:
            word, article = self.compound()
            return f"{article} {word}"
        return self.rng.choice(OBJECTS)

    def prep(self) -> str:
        if self.rng.random() < 0.2:
            return f"in {self.rng.choice(self.places)['label']}"
        if self.rng.random() < 0.1:
            return f"in het centrum van {self.town()}"
        return self.rng.choice(PREPOSITIONS)

    def sentence(self) -> str:
        """One Dutch-looking sentence in one of a few grammatical shapes (word order included)."""
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        verb, infinitive = rng.choice(VERBS)
        shape = rng.randrange(9)
        if shape == 0:
            return f"{_cap(subject)} {verb} {self.noun_phrase()} {self.prep()}."
        if shape == 1:
            return f"{rng.choice(OPENERS)} {verb} {subject} {self.noun_phrase()} {self.prep()}."
        if shape == 2:
            return f"Daarbij gaat het vooral om {self.noun_phrase()} {self.prep()}."
        if shape == 3:
            return f"{_cap(subject)} wil {self.noun_phrase()} {self.prep()} {infinitive}."
        if shape == 4:
            return f"Het doel is om {self.noun_phrase()} {self.prep()} te {infinitive}."
        if shape == 5:
            return f"In {rng.randint(2015, 2030)} {verb} {subject} {self.noun_phrase()}."
        if shape == 6:
            return f"Dat vraagt om {self.noun_phrase()} en {self.noun_phrase()}."
        if shape == 7:
            other = rng.choice([s for s in SUBJECTS if s != subject])
            return f"{_cap(subject)} en {other} {infinitive} samen {self.noun_phrase()} {self.prep()}."
        return f"Een belangrijk aandachtspunt is {self.noun_phrase()}, vooral {self.prep()}."

    def clause(self) -> str:
        """A relative clause with the verb last, for summaries (``… die X in Y ondersteunt``)."""
        verb, _ = self.rng.choice(VERBS)
        return f"{self.noun_phrase()} {self.prep()} {verb}"

    def summary(self, kinds: list[str]) -> str:
        """One or two sentences of plain text, 10–400 characters (the schema's limits).

        ``kinds`` are nouns for what the record is; "die" or "dat" follows the noun's gender.
        """
        for _ in range(20):
            kind = self.rng.choice(kinds)
            relative = "dat" if kind.split()[-1] in NEUTER else "die"
            text = f"{_cap(kind)} {relative} {self.clause()}."
            if self.rng.random() < 0.6:
                text += " " + self.sentence()
            if len(text) <= 380:
                return text
        return text[:380]

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        sentences = [self.sentence() for _ in range(self.rng.randint(low, high))]
        if self.rng.random() < 0.3:
            i = self.rng.randrange(len(sentences))
            words = sentences[i].split(" ")
            sentences[i] = " ".join([f"**{words[0]} {words[1]}**", *words[2:]])
        if self.rng.random() < 0.2:
            word, article = self.compound()
            sentences.append(f"Zie ook *{article} {word}*.")
        return " ".join(sentences)

    def description(self, paragraphs: tuple[int, int], mentions: list[str], names: list[str]) -> str:
        """A few paragraphs of Markdown: emphasis, sometimes a list or a link, glossary terms used."""
        rng = self.rng
        parts = [self.paragraph() for _ in range(rng.randint(*paragraphs))]
        if names:
            parts.insert(min(1, len(parts)), f"Betrokken zijn onder meer {', '.join(names[:-1])}{' en ' if len(names) > 1 else ''}{names[-1]}.")
        for label in mentions:
            i = rng.randrange(len(parts))
            parts[i] += " " + rng.choice(MENTIONS).format(label)
        if rng.random() < 0.3:
            items = "\n".join(f"- {self.noun_phrase()} {self.prep()}" for _ in range(rng.randint(3, 5)))
            parts.insert(rng.randint(1, len(parts)), f"Belangrijke onderdelen zijn:\n\n{items}")
        if rng.random() < 0.15:
            parts.append(f"Meer informatie staat op [de website](https://www.voorbeeld.nl/{rng.randrange(10**6)}).")
        return "\n\n".join(parts) + "\n"

    # -- names -------------------------------------------------------------------------------------

    def unique_title(self, collection: str, make: Any) -> str:
        for attempt in range(200):
            title = make()
            if attempt > 20:
                title = f"{title} {self.town()}"
            key = fold(" ".join(title.split()))
            ident = make_id(title)
            if key not in self.titles[collection] and ident not in self.ids[collection] and len(ident) <= 80:
                self.titles[collection].add(key)
                self.ids[collection].add(ident)
                return title
        raise RuntimeError(f"no unique title for {collection}")

    def abbreviation(self, title: str, share: float) -> str:
        """Initials of the title's long words, unique over the whole data set, or nothing."""
        if self.rng.random() >= share:
            return ""
        letters = "".join(w[0] for w in title.replace("-", " ").split() if len(w) > 3 and w[0].isalpha()).upper()
        if len(letters) < 2 or len(letters) > 6 or fold(letters) in self.labels:
            return ""
        self.labels.add(fold(letters))
        return letters

    def glossary_label(self) -> str:
        for _ in range(200):
            word, _article = self.compound()
            label = f"{self.rng.choice(ADJECTIVES)} {word}"
            if fold(label) not in self.labels:
                self.labels.add(fold(label))
                return label
        raise RuntimeError("no unique glossary label")

    def title_for(self, collection: str) -> str:
        rng = self.rng

        def name() -> str:
            word, _ = self.compound()
            return _cap(word)

        makers = {
            "glossary": lambda: _cap(self.glossary_label()),
            "instruments": lambda: rng.choice([
                f"Regeling {name()}", f"Programma {name()} {rng.randint(2018, 2030)}",
                f"Actie {rng.randint(1, 40)}: {name().lower()} {self.town()}", f"Wet {name().lower()}",
                f"Handreiking {name().lower()}", f"Expertteam {name()}", f"Nationale {name().lower()}",
            ]),
            "funds": lambda: rng.choice([
                f"{name()}fonds {self.town()}", f"Revolverend fonds {name().lower()}",
                f"Impactfonds {self.town()}", f"Fonds {name()} {self.town()}",
            ]),
            "partners": lambda: rng.choice([
                f"Gemeente {self.town()}", f"Stichting {name()} {self.town()}", f"Coöperatie {name()}",
                f"{self.town()} Vastgoed", f"Kenniscentrum {name()}", f"Woonstichting {self.town()}",
                f"Ondernemersvereniging {self.town()}", f"Regio {self.town()}", f"Netwerk {name()}",
            ]),
            "cases": lambda: rng.choice([
                f"City Deal {name()}", f"Pilot {name().lower()} {self.town()}",
                f"Transformatie {self.town()} {rng.choice(['centrum', 'noord', 'zuid', 'haven', 'station'])}",
                f"Regio Deal {self.town()}", f"Proeftuin {name().lower()} {self.town()}",
            ]),
            "sources": lambda: f"{rng.choice(DOCUMENT_TYPES)} {name().lower()} {rng.randint(2015, 2026)}",
        }
        if collection == "glossary":
            title = makers["glossary"]()  # labels are unique by construction
            self.titles[collection].add(fold(title))
            self.ids[collection].add(make_id(title))
            return title
        return self.unique_title(collection, makers[collection])

    # -- records -----------------------------------------------------------------------------------

    def make(self, n: int) -> dict[str, list[Stub]]:
        """All records of a data set of ``n`` records (at least one per collection)."""
        counts = {name: max(1, round(n * share)) for name, share in SHARES.items()}
        counts["sources"] = max(1, n - sum(v for k, v in counts.items() if k != "sources"))
        for name in COLLECTION_ORDER:
            for _ in range(counts[name]):
                title = self.title_for(name)
                share = {"glossary": 0.12, "instruments": 0.3, "funds": 0.45, "partners": 0.4, "cases": 0.45,
                         "sources": 0.6}[name]
                stub = Stub(name, make_id(title), title, self.abbreviation(title, share))
                self.stubs[name].append(stub)
        self.synonyms = {s.id: self.glossary_label() for s in self.stubs["glossary"] if self.rng.random() < 0.5}
        for name in COLLECTION_ORDER:
            for i, stub in enumerate(self.stubs[name]):
                stub.fields = getattr(self, f"_{name}")(stub, i)
        return self.stubs

    def _common(self, stub: Stub, kinds: list[str], mentions: int, names: list[str] | None = None,
                paragraphs: tuple[int, int] = (2, 4)) -> dict[str, Any]:
        """The fields every record has, in schema order: title, abbreviations, summary, then the rest."""
        rng = self.rng
        fields: dict[str, Any] = {"title": stub.title}
        if stub.abbreviation:
            fields["abbreviations"] = [stub.abbreviation]
        fields["summary"] = self.summary(kinds)
        terms = _some(rng, self.stubs["glossary"], 0, mentions, exclude=stub, skew=1.7)
        labels = [t.abbreviation if t.abbreviation and rng.random() < 0.3 else t.title.lower() for t in terms]
        fields["_description"] = self.description(paragraphs, labels, names or [])
        return fields

    def _finish(self, stub: Stub, fields: dict[str, Any], cite: bool = True) -> dict[str, Any]:
        rng = self.rng
        fields["themes"] = _some(rng, self.vocab["themes"], 1, 3, skew=1.3)
        fields["description"] = fields.pop("_description")
        if cite:
            fields["sources"] = [
                {"document": doc.id, "section": f"Hoofdstuk {rng.randint(1, 9)}, paragraaf {rng.randint(1, 12)}"}
                for doc in _some(rng, self.stubs["sources"], 1, 2)
            ]
        if rng.random() < 0.2:
            fields["links"] = [{"title": "Website", "url": f"https://www.voorbeeld.nl/{stub.collection}/{stub.id}"}]
        # Most records checked in the last year, some overdue (the Actualiteit page lists those).
        days = rng.randrange(330) if rng.random() < 0.8 else rng.randrange(365, 3 * 365)
        fields["last_reviewed"] = (LAST_REVIEW - timedelta(days=days)).isoformat()
        return _ordered(fields)

    def _levels(self, low: int = 1, high: int = 2) -> list[str]:
        return _some(self.rng, self.vocab["levels"], low, high, skew=1.2)

    def _glossary(self, stub: Stub, i: int) -> dict[str, Any]:
        rng = self.rng
        glossary = self.stubs["glossary"]
        fields = self._common(stub, ["aanpak", "rol", "werkwijze", "instrument", "begrip"], 1, paragraphs=(1, 3))
        if stub.id in self.synonyms:
            fields["synonyms"] = [self.synonyms[stub.id]]
        fields["definition"] = " ".join(self.sentence() for _ in range(rng.randint(1, 3)))
        if i > 0 and rng.random() < 0.3:
            fields["broader"] = [glossary[rng.randrange(i)].id]
        if rng.random() < 0.7:
            related = [t.id for t in _some(rng, glossary, 1, 2, exclude=stub)]
            related = [r for r in related if r not in fields.get("broader", [])]
            if related:
                fields["related"] = related
        return self._finish(stub, fields)

    def _instruments(self, stub: Stub, i: int) -> dict[str, Any]:
        rng = self.rng
        partners = _some(rng, self.stubs["partners"], 1, 3) if rng.random() < 0.65 else []
        fields = self._common(stub, ["regeling", "programma", "instrument", "aanpak"], 3,
                              [p.title for p in partners])
        fields["kind"] = rng.choice(self.vocab["instrument_kinds"])
        if rng.random() < 0.9:
            fields["levels"] = self._levels()
        if rng.random() < 0.9:
            fields["status"] = rng.choice(self.vocab["statuses"])
        if rng.random() < 0.3:
            start = rng.randint(2018, 2027)
            fields["period"] = f"{start}–{start + rng.randint(1, 6)}"
        if rng.random() < 0.2:
            fields["budget"] = f"€ {rng.randint(1, 500)} miljoen"
        if partners:
            fields["partners"] = [p.id for p in partners]
        if rng.random() < 0.3:
            fields["funds"] = [f.id for f in _some(rng, self.stubs["funds"], 1, 1)]
        if rng.random() < 0.6:
            fields["related_instruments"] = [r.id for r in _some(rng, self.stubs["instruments"], 1, 2, exclude=stub)]
        return self._finish(stub, fields)

    def _funds(self, stub: Stub, i: int) -> dict[str, Any]:
        rng = self.rng
        fields = self._common(stub, ["fonds", "fondsmodel", "revolverend fonds"], 2)
        fields["kind"] = rng.choice(self.vocab["fund_kinds"])
        fields["status"] = rng.choice(self.vocab["statuses"])
        fields["levels"] = self._levels()
        if rng.random() < 0.4:
            fields["amount"] = f"€ {rng.randint(1, 900)} miljoen"
        if rng.random() < 0.7:
            fields["manager"] = _popular(rng, self.stubs["partners"]).id
        if rng.random() < 0.5:
            fields["partners"] = [p.id for p in _some(rng, self.stubs["partners"], 1, 2)]
        if rng.random() < 0.6:
            fields["instruments"] = [p.id for p in _some(rng, self.stubs["instruments"], 1, 2)]
        return self._finish(stub, fields)

    def _partners(self, stub: Stub, i: int) -> dict[str, Any]:
        rng = self.rng
        fields = self._common(stub, ["organisatie", "partij", "netwerk", "stichting"], 2,
                              paragraphs=(1, 3))
        kind = "gemeente" if stub.title.startswith("Gemeente ") else rng.choice(self.vocab["partner_types"])
        fields["type"] = kind
        if rng.random() < 0.6:
            fields["levels"] = self._levels(1, 1)
        if kind in ("gemeente", "provincie", "regio") or rng.random() < 0.2:
            fields["places"] = _some(rng, self.vocab["places"], 1, 2, skew=1.3)
        if rng.random() < 0.25:
            fields["member_of"] = [p.id for p in _some(rng, self.stubs["partners"], 1, 2, exclude=stub)]
        if rng.random() < 0.1:
            surname = rng.choice(SURNAMES)
            fields["contacts"] = [{
                "name": f"{rng.choice('ABCDEFGHJKLMNPRSTW')}. {surname}",
                "role": rng.choice(ROLES),
                "email": f"{surname.split()[-1].lower()}@voorbeeld.nl",
                "consent": True,
            }]
        return self._finish(stub, fields)

    def _cases(self, stub: Stub, i: int) -> dict[str, Any]:
        rng = self.rng
        partners = _some(rng, self.stubs["partners"], 1, 4) if rng.random() < 0.8 else []
        fields = self._common(stub, ["deal", "pilot", "project", "voorbeeld"], 3,
                              [p.title for p in partners], paragraphs=(2, 5))
        fields["kind"] = rng.choice(self.vocab["case_kinds"])
        local = fields["kind"] == "lokaal-project"  # only these carry phase, seeks, province and figures
        if local:
            fields["phase"] = rng.choice(self.vocab["project_phases"])
            if rng.random() < 0.8:
                fields["seeks"] = _some(rng, self.vocab["project_needs"], 1, 2)
        if rng.random() < 0.8:
            fields["status"] = rng.choice(self.vocab["statuses"])
        fields["levels"] = self._levels()
        if rng.random() < 0.8:
            fields["places"] = _some(rng, self.vocab["places"], 1, 2, skew=1.3)
        if local:
            fields["province"] = rng.choice(self.vocab["provinces"])
        if rng.random() < 0.5:
            start = rng.randint(2015, 2027)
            fields["period"] = f"vanaf {rng.randint(1, 28)} {rng.choice(MONTHS)} {start}, {rng.randint(2, 6)} jaar"
        if local:
            source = {"title": "Raadsvoorstel", "url": f"https://www.voorbeeld.nl/cases/{stub.id}/raadsvoorstel"}
            for name, low, high in (("investment", 200_000, 40_000_000), ("homes", 10, 600), ("floor_area", 500, 30_000)):
                if rng.random() < 0.6:  # a project states some of its figures, not all
                    fields[name] = {"value": rng.randint(low, high), "source": source}
        if partners:
            fields["partners"] = [p.id for p in partners]
        if rng.random() < 0.6:
            fields["instruments"] = [p.id for p in _some(rng, self.stubs["instruments"], 1, 3)]
        if rng.random() < 0.3:
            fields["funds"] = [p.id for p in _some(rng, self.stubs["funds"], 1, 1)]
        if i > 0 and rng.random() < 0.3:
            fields["related_cases"] = [self.stubs["cases"][rng.randrange(i)].id]
        return self._finish(stub, fields)

    def _sources(self, stub: Stub, i: int) -> dict[str, Any]:
        rng = self.rng
        fields = self._common(stub, ["document"], 4, paragraphs=(3, 6))
        fields["document_type"] = next(t for t in DOCUMENT_TYPES if stub.title.startswith(t))
        parties = [p.title for p in _some(rng, self.stubs["partners"], 1, 4)]
        fields["parties"] = parties
        fields["date"] = f"{rng.choice(MONTHS)} {rng.randint(2015, 2026)}"
        if rng.random() < 0.4:
            fields["gaps"] = [self.sentence() for _ in range(rng.randint(1, 3))]
        return self._finish(stub, fields, cite=False)


FIELD_ORDER = [
    "title", "abbreviations", "synonyms", "summary", "definition", "document_type", "parties", "date", "kind",
    "type", "phase", "seeks", "status", "levels", "places", "province", "period", "investment", "homes", "floor_area", "budget", "amount", "manager", "gaps", "themes",
    "description", "broader", "related", "partners", "member_of", "instruments", "funds",
    "related_instruments", "related_cases", "contacts", "sources", "links", "last_reviewed",
]


def _ordered(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields in the order partners write them (title first), so the files read like real records."""
    return {key: fields[key] for key in FIELD_ORDER if key in fields}


class _Dumper(yaml.SafeDumper):
    """Block style for Markdown, no anchors: the strict loader rejects aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml(fields: dict[str, Any]) -> str:
    return yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


CONTENT = {
    "over.md": """# Over het Pact

Het Pact voor Waardevolle Kernen brengt overheden, marktpartijen en kennisinstellingen samen.
""",
    "bijdragen.md": """# Bijdragen

Partners houden de records zelf bij, elk in een eigen bestand.
""",
}


def write_project(target: Path, n: int, seed: int = 7, source: Path | None = None) -> dict[str, int]:
    """Write a complete project with ``n`` synthetic records into ``target``; return the counts.

    ``target`` must be a temporary folder: it is filled with data/, content/ and copies of the
    project's mkdocs.yml, kennisbank.yaml and overrides/, so the real data/ is never touched.
    """
    from generator.config import ROOT

    source = source or ROOT
    target = target.resolve()
    if target == source.resolve() or (source / "data").resolve() in (target, *target.parents):
        raise ValueError(f"refusing to write synthetic data into the project itself: {target}")
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(source / name, target / name)
    for name in PROJECT_DIRS:
        shutil.copytree(source / name, target / name, dirs_exist_ok=True)
    content = target / "content"
    content.mkdir(exist_ok=True)
    for name, text in CONTENT.items():
        (content / name).write_text(text, encoding="utf-8")
    data = target / "data"
    data.mkdir(exist_ok=True)
    vocab_text = (source / "data" / "vocabularies.yaml").read_text(encoding="utf-8")
    (data / "vocabularies.yaml").write_text(vocab_text, encoding="utf-8")
    stubs = Writer(yaml.safe_load(vocab_text), seed).make(n)
    counts = {}
    for name, records in stubs.items():
        folder = data / name
        folder.mkdir(exist_ok=True)
        for stub in records:
            (folder / f"{stub.id}.yaml").write_text(to_yaml(stub.fields), encoding="utf-8")
        counts[name] = len(records)
    return counts
