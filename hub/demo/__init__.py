"""Demo and benchmark content.

- ``schema``: a small validator that names the file, the record and the field of an error;
- ``data``: the demo data files under ``hub/data/demo/`` read and checked as a whole;
- ``illustrations``: abstract pictures drawn with Pillow from a hue and a motif;
- ``odt``: a minimal OpenDocument text writer for the tools' downloadable files;
- ``progress``: the plain-text progress bar the commands print;
- ``loader``: creates the demo pages, snippets, images and documents in the database;
- ``bench``: synthetic content at scale, reproducible from a seed.
"""
