# Sourced by the golden-case scripts: pack_of CASE_DIR ROOT prints the pack folder of a golden case
# (the case folder itself, or the folder under ROOT named by its `pack` file).
pack_of() {
    if [ -f "$1/pack" ]; then
        echo "$2/$(cat "$1/pack")"
    else
        echo "$1"
    fi
}
