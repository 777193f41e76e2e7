"""The demo data files and the pure parts of the loader: validation, pictures, ODT, progress."""

import io
import zipfile
from xml.dom import minidom

import pytest
from PIL import Image

from hub.demo.data import LANGUAGES, TOOL_SLUGS, load_demo_data
from hub.demo.illustrations import MOTIFS, illustration, illustration_bytes
from hub.demo.odt import MIMETYPE, Document, Section, odt_bytes
from hub.demo.progress import Progress
from hub.demo.schema import DataError

from .demo_helpers import copy_data_dir, read, write


@pytest.fixture(scope="module")
def data():
    return load_demo_data()


# -- the data as shipped ---------------------------------------------------------------


def test_the_shipped_data_covers_what_the_hub_promises(data):
    assert len(data.case_studies) >= 24
    assert {record["country"] for record in data.countries} == {"FR", "IT", "ES", "GR", "HR"}
    assert len(data.guides) == 4
    assert sorted(record["slug"] for record in data.tools) == sorted(TOOL_SLUGS)
    assert len({record["space_type"] for record in data.case_studies}) >= 6
    assert len({theme for record in data.case_studies for theme in record["themes"]}) >= 8
    fully_translated = [
        r for r in data.case_studies if sorted(r["translations"]) == sorted(LANGUAGES)
    ]
    assert len(fully_translated) >= 8
    assert {r["country"] for r in fully_translated} == {"FR", "IT", "ES", "GR", "HR"}


def test_every_profile_guide_and_tool_is_written_in_six_languages(data):
    for record in [*data.countries, *data.guides, *data.tools]:
        assert sorted(record["translations"]) == sorted(LANGUAGES), record["_file"]
        titles = {record["translations"][code]["title"] for code in ("en", "fr", "el")}
        # Hand-written translations: at least the French and Greek titles differ from English
        # (country names are the exception: "France" is France in French too).
        if record in data.countries:
            continue
        assert len(titles) == 3, record["_file"]


def test_every_country_figure_names_its_source(data):
    for record in data.countries:
        for language, translation in record["translations"].items():
            assert len(translation["key_figures"]) == len(record["key_figures"])
            for figure in translation["key_figures"]:
                assert figure["source"], (record["_file"], language)


def test_each_case_study_relates_to_another(data):
    slugs = {record["slug"] for record in data.case_studies}
    for record in data.case_studies:
        assert record["relations"], record["_file"]
        assert all(relation["target"] in slugs for relation in record["relations"])


# -- errors name the file, the record and the field --------------------------------------


def test_a_wrong_field_is_named_with_its_file_record_and_path(tmp_path):
    directory = copy_data_dir(tmp_path)
    path = directory / "tools" / "census-survey.yaml"
    record = read(path)
    record["translations"]["fr"]["how_to"][1]["title"] = ""
    write(path, record)
    with pytest.raises(DataError) as caught:
        load_demo_data(directory)
    message = str(caught.value)
    assert "tools/census-survey.yaml" in message
    assert "'census-survey'" in message
    assert "translations.fr.how_to[2].title" in message
    assert "empty" in message


def test_a_yaml_syntax_error_gives_the_line(tmp_path):
    directory = copy_data_dir(tmp_path)
    path = directory / "guides" / "measuring-impact.yaml"
    path.write_text("slug: measuring-impact\nstage: [evaluation\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_demo_data(directory)
    assert "guides/measuring-impact.yaml" in str(caught.value)
    assert "line 3" in str(caught.value)


def test_a_key_written_twice_is_refused(tmp_path):
    directory = copy_data_dir(tmp_path)
    path = directory / "organisations.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    kind: partner\n", "    kind: partner\n    kind: partner\n", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="appears twice"):
        load_demo_data(directory)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda r: r.update(motif_typo=1), "motif_typo", "unknown field"),
        (lambda r: r["image"].update(motif="stars"), "image.motif", "'stars' is not one of"),
        (lambda r: r.update(latitude=123), "latitude", "above the maximum 90"),
        (
            lambda r: r["relations"].append({"target": "nowhere", "relation": "similar"}),
            "relations",
            "no case study",
        ),
        (
            lambda r: r["translations"]["en"]["context"].append("One more."),
            "translations.",
            "English structure",
        ),
        (lambda r: r.update(partner="Unknown network"), "partner", "organisations.yaml"),
    ],
)
def test_case_study_mistakes_are_explained(tmp_path, change, field, words):
    directory = copy_data_dir(tmp_path)
    path = directory / "case_studies" / "marseille-belle-de-mai-coworking.yaml"
    record = read(path)
    change(record)
    write(path, record)
    with pytest.raises(DataError) as caught:
        load_demo_data(directory)
    message = str(caught.value)
    assert message.startswith("case_studies/marseille-belle-de-mai-coworking.yaml: record ")
    assert field in message
    assert words in message


def test_a_file_named_after_another_slug_is_refused(tmp_path):
    directory = copy_data_dir(tmp_path)
    (directory / "tools" / "census-survey.yaml").rename(directory / "tools" / "census.yaml")
    with pytest.raises(DataError, match=r"name it census-survey\.yaml"):
        load_demo_data(directory)


# -- pictures -------------------------------------------------------------------------------


@pytest.mark.parametrize("motif", MOTIFS)
def test_every_motif_draws_a_picture_of_the_requested_size(motif):
    picture = illustration(200, motif, "seed", size=(320, 180))
    assert picture.size == (320, 180)
    assert picture.mode == "RGB"
    # Not a flat fill: an illustration has several colours.
    assert len(picture.getcolors(maxcolors=100_000) or range(100_001)) > 4


def test_pictures_are_reproducible_and_distinct():
    first = illustration_bytes(18, "arches", "marseille", size=(320, 180))
    assert first == illustration_bytes(18, "arches", "marseille", size=(320, 180))
    assert first != illustration_bytes(18, "arches", "naples", size=(320, 180))
    assert first != illustration_bytes(200, "arches", "marseille", size=(320, 180))
    assert Image.open(io.BytesIO(first)).format == "PNG"


def test_an_unknown_motif_is_refused():
    with pytest.raises(ValueError, match="unknown motif"):
        illustration(10, "stars")


# -- ODT files --------------------------------------------------------------------------------


def test_odt_files_are_valid_opendocument_packages():
    document = Document(
        title="Χάρτα του δικτύου & μέλη",
        subtitle="Υπόδειγμα",
        language="el",
        footer="CC BY 4.0",
        sections=[
            Section(
                "Άρθρα",
                paragraphs=["Πρώτη παράγραφος."],
                items=["Πρώτο", "Δεύτερο"],
                style="numbers",
            ),
            Section("Υπογραφές", items=["1", "2"], style="table", columns=["Χώρος", "Πόλη"]),
            Section("Έλεγχος", items=["Έτοιμο"], style="checkboxes"),
        ],
    )
    package = zipfile.ZipFile(io.BytesIO(odt_bytes(document)))
    names = package.namelist()
    assert names[0] == "mimetype"
    assert package.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert package.read("mimetype").decode() == MIMETYPE
    for name in ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"):
        minidom.parseString(package.read(name))  # noqa: S318 (our own output: well-formed?)
    content = package.read("content.xml").decode()
    assert "Χάρτα του δικτύου &amp; μέλη" in content
    assert content.count("<table:table-row>") == 3  # header + two rows
    assert "☐ Έτοιμο" in content
    assert 'fo:language="el"' in package.read("styles.xml").decode()
    assert odt_bytes(document) == odt_bytes(document)  # reproducible


# -- progress --------------------------------------------------------------------------------


def test_progress_prints_one_finished_line_when_not_on_a_terminal():
    stream = io.StringIO()
    with Progress(stream, "Case studies", 25) as bar:
        for _ in range(12):
            bar.advance()
    line = stream.getvalue()
    assert line.startswith("Case studies       [##########----------] 12/25")
    assert line.count("\n") == 1


def test_progress_redraws_the_line_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    with Progress(stream, "Tools", 2) as bar:
        bar.advance()
        bar.advance()
    output = stream.getvalue()
    assert output.count("\r") >= 3
    assert "[##########----------] 1/2" in output
    assert (
        output.rstrip().split("\r")[-1].startswith("Tools              [####################] 2/2")
    )
