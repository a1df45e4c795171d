# fields checked by eye beyond header, signer and recipients (checked for every entry): references for all,
# counts for the documents whose draft had at most 25 counts (hand_fixes_counts.COUNTS_CHECKED)
from hand_fixes_counts import COUNTS_CHECKED

CHECKED_EXTRA = {i: ["references"] + (["counts"] if i in COUNTS_CHECKED else []) for i in range(121)}
