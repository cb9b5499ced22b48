# Sourced by the golden-case scripts. A golden case holds a pack (tender.xml, bids/, scores.xml), or
# a `pack` file naming a folder under the repository root and, optionally, its own copy of one of
# the documents: a case can vary one document of a sample (its tender's consensus rule, say).
# pack_file CASE_DIR ROOT NAME prints the path of NAME (tender.xml, bids or scores.xml) for the case.
pack_file() {
    if [ -e "$1/$3" ] || [ ! -f "$1/pack" ]; then
        echo "$1/$3"
    else
        echo "$2/$(cat "$1/pack")/$3"
    fi
}
