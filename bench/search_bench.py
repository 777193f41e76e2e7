"""Search latency at scale, in-process: p50/p95 for a common and a rare word per language.

    .venv/bin/python bench/search_bench.py                       # SQLite (a file under var/bench/)
    .venv/bin/python bench/search_bench.py --database-url postgres://postgres@127.0.0.1:5432/cwm_bench

The script makes its own database (SQLite file, or the named PostgreSQL database, created
if missing), generates ``--pages`` StandardPages spread over the six locales from word
lists per language (Zipf-distributed, so the most frequent word is in nearly every page
and the rare word in three pages per language), indexes them with ``update_index`` and
times ``search.engine.search`` (results page, count, facets, promotions) and the whole
search view (the same plus the template) ``--runs`` times per word and language, in
wall-clock time and in CPU time (this process, plus the PostgreSQL backend process
serving it when the server runs on this machine): CPU time is what a search costs, and
is not inflated when other programs share the machine.
A second run on the same database reuses the pages. Target: p95 under 100 ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

from measuring import database_cpu_ns, ensure_postgres_database, percentile  # bench/

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = {
    "en": (
        "network space community coworking rural village project members local public "
        "workshop digital training young people city region partners funding model "
        "cooperative governance charter mapping survey evaluation impact indicators "
        "services culture tourism island mountain entrepreneurs remote workers makers "
        "events meeting learning schools council"
    ),
    "fr": (
        "réseau espace communauté coworking rural village projet membres local public "
        "atelier numérique formation jeunes ville région partenaires financement modèle "
        "coopérative gouvernance charte cartographie enquête évaluation impact indicateurs "
        "services culture tourisme île montagne entrepreneurs télétravailleurs makers "
        "événements rencontres apprentissage écoles collectivité"
    ),
    "it": (
        "rete spazio comunità coworking rurale borgo progetto membri locale pubblico "
        "laboratorio digitale formazione giovani città regione partner finanziamento modello "
        "cooperativa governance carta mappatura indagine valutazione impatto indicatori "
        "servizi cultura turismo isola montagna imprenditori lavoratori artigiani "
        "eventi incontri apprendimento scuole comune"
    ),
    "es": (
        "red espacio comunidad coworking rural pueblo proyecto miembros local público "
        "taller digital formación jóvenes ciudad región socios financiación modelo "
        "cooperativa gobernanza carta cartografía encuesta evaluación impacto indicadores "
        "servicios cultura turismo isla montaña emprendedores trabajadores creadores "
        "eventos encuentros aprendizaje escuelas ayuntamiento"
    ),
    "el": (
        "δίκτυο χώρος κοινότητα συνεργασία αγροτικός χωριό έργο μέλη τοπικός δημόσιος "
        "εργαστήριο ψηφιακός εκπαίδευση νέοι πόλη περιφέρεια εταίροι χρηματοδότηση μοντέλο "
        "συνεταιρισμός διακυβέρνηση χάρτης χαρτογράφηση έρευνα αξιολόγηση αντίκτυπος δείκτες "
        "υπηρεσίες πολιτισμός τουρισμός νησί βουνό επιχειρηματίες εργαζόμενοι δημιουργοί "
        "εκδηλώσεις συναντήσεις μάθηση σχολεία δήμος"
    ),
    "hr": (
        "mreža prostor zajednica coworking ruralni selo projekt članovi lokalni javni "
        "radionica digitalni obrazovanje mladi grad regija partneri financiranje model "
        "zadruga upravljanje povelja mapiranje anketa procjena učinak pokazatelji "
        "usluge kultura turizam otok planina poduzetnici radnici stvaratelji "
        "događaji susreti učenje škole općina"
    ),
}
RARE = {
    "en": "lighthouse",
    "fr": "phare",
    "it": "faro",
    "es": "molino",
    "el": "φάρος",
    "hr": "svjetionik",
}
RARE_PAGES_PER_LANGUAGE = 3


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=60, help="timed searches per word and language")
    parser.add_argument(
        "--database-url",
        default=f"sqlite:///{ROOT / 'var' / 'bench' / 'search_bench.sqlite3'}",
        help="the database to fill and search (SQLite by default)",
    )
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    else:
        ensure_postgres_database(database_url)
    import django

    django.setup()


def sentence(rng, words, weights, length):
    return " ".join(rng.choices(words, weights=weights, k=length)).capitalize() + "."


def generate(total: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.models import Locale
    from wagtail.signal_handlers import update_reference_index_on_save

    from home.models import StandardPage
    from hub.db import refresh_statistics
    from hub.setup import setup_site

    call_command("migrate", verbosity=0)
    home = setup_site()
    # setup_site() keeps the other locales in sync: English pages get aliases there,
    # which are not indexed. Only real pages count.
    existing = StandardPage.objects.filter(alias_of__isnull=True).count()
    if existing >= total:
        print(f"Reusing {existing} pages.")
        refresh_statistics()
        return
    rng = random.Random(20_260_101)
    languages = list(WORDS)
    per_language = (total - existing) // len(languages) + 1
    # Index once at the end (bulk), not page by page; skip the reference index.
    post_save.disconnect(post_save_signal_handler, sender=StandardPage)
    post_save.disconnect(update_reference_index_on_save)
    started = time.perf_counter()
    created = existing
    for language in languages:
        words = WORDS[language].split()
        weights = [1 / rank for rank in range(1, len(words) + 1)]
        parent = home.get_translation(Locale.objects.get(language_code=language))
        rare_at = set(rng.sample(range(per_language), RARE_PAGES_PER_LANGUAGE))
        with transaction.atomic():
            for number in range(per_language):
                if created >= total:
                    break
                paragraphs = [
                    " ".join(sentence(rng, words, weights, rng.randint(8, 16)) for _ in range(4))
                    for _ in range(3)
                ]
                if number in rare_at:
                    paragraphs[1] += f" {RARE[language].capitalize()}."
                title = sentence(rng, words, weights, rng.randint(3, 6))[:-1]
                page = StandardPage(
                    title=title,
                    slug=f"bench-{language}-{number}",
                    introduction=sentence(rng, words, weights, rng.randint(12, 20)),
                    body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
                )
                parent.add_child(instance=page)
                created += 1
        print(f"  {language}: {created} pages, {time.perf_counter() - started:.0f} s")
    post_save.connect(post_save_signal_handler, sender=StandardPage)
    post_save.connect(update_reference_index_on_save)
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    refresh_statistics()
    print(f"Indexed in {time.perf_counter() - started:.0f} s.")


def timed(function):
    """(wall-clock ms, CPU ms of this process plus its database backend) for one call."""
    wall, cpu, database = time.perf_counter(), time.process_time(), database_cpu_ns()
    function()
    cpu_ms = (time.process_time() - cpu) * 1000 + (database_cpu_ns() - database) / 1e6
    return (time.perf_counter() - wall) * 1000, cpu_ms


def measure(runs: int) -> list[tuple]:
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.utils import translation

    from search import engine, views
    from search.facets import Filters

    factory = RequestFactory()

    def view(language, word):
        request = factory.get(f"/{language}/search/", {"q": word})
        request.user = AnonymousUser()
        views.search(request).render()

    rows = []
    for language in WORDS:
        common = WORDS[language].split()[0]
        for kind, word in (("common", common), ("rare", RARE[language])):
            with translation.override(language):
                outcome = engine.search(word, language, Filters())
                for _ in range(3):  # warm caches
                    engine.search(word, language, Filters())
                engine_times = [
                    timed(lambda w=word, lang=language: engine.search(w, lang, Filters()))
                    for _ in range(runs)
                ]
                view_times = [
                    timed(lambda w=word, lang=language: view(lang, w)) for _ in range(runs)
                ]
            rows.append((language, kind, word, outcome.total, engine_times, view_times))
    return rows


def main():
    args = parse_args()
    setup_django(args.database_url)
    from django.db import connection

    from home.models import StandardPage

    generate(args.pages)
    vendor = connection.vendor
    real = StandardPage.objects.filter(alias_of__isnull=True).count()
    aliases = StandardPage.objects.filter(alias_of__isnull=False).count()
    print(f"\n{vendor}: {real} pages (+{aliases} aliases); {args.runs} runs per word\n")
    header = f"{'lang':4} {'word':6} {'query':11} {'results':>7}"
    print(f"{header} | engine wall p50/p95  cpu p95 | view wall p50/p95  cpu p95 (ms)")
    totals = {"engine wall": [], "engine cpu": [], "view wall": [], "view cpu": []}
    for language, kind, word, total, engine_times, view_times in measure(args.runs):
        engine_wall, engine_cpu = zip(*engine_times, strict=True)
        view_wall, view_cpu = zip(*view_times, strict=True)
        totals["engine wall"] += engine_wall
        totals["engine cpu"] += engine_cpu
        totals["view wall"] += view_wall
        totals["view cpu"] += view_cpu
        print(
            f"{language:4} {kind:6} {word:11} {total:7} | "
            f"{statistics.median(engine_wall):9.1f} {percentile(engine_wall, 0.95):6.1f} "
            f"{percentile(engine_cpu, 0.95):8.1f} | "
            f"{statistics.median(view_wall):7.1f} {percentile(view_wall, 0.95):6.1f} "
            f"{percentile(view_cpu, 0.95):8.1f}",
            flush=True,
        )
    summary = ", ".join(
        f"{name} p95 {percentile(values, 0.95):.1f}" for name, values in totals.items()
    )
    print(f"\nall words and languages: {summary} ms (target < 100 ms)")
    print(f"load average during the run: {os.getloadavg()}")


if __name__ == "__main__":
    main()
