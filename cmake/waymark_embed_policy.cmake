# cmake -DINPUT=policy.toml -DOUTPUT=policy.inc -P waymark_embed_policy.cmake
# Writes the file's bytes as a C array initialiser, ending with a NUL so the text is also a C string.
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(([^,]*,){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp" "${bytes}'\\0'\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
