"""The measures a figure can be, with the words used for them on screen and paper."""

OFFENCES = "offences"
ONLINE_FLAGGED = "online_flagged"
VICTIMS_UNDER_1 = "victims_under_1"
VICTIMS_AGED_4_AND_UNDER = "victims_aged_4_and_under"
VICTIMS_AGED_10_AND_UNDER = "victims_aged_10_and_under"
# The NSPCC's second series: offences of sexual communication with a child (an offence since April 2017).
SEXUAL_COMMUNICATION = "sexual_communication_with_a_child"
# Summed from the Home Office open data tables: a narrower, different measure from the NSPCC series.
HOME_OFFICE_CHILD_OFFENCES = "home_office_child_offences"

MEASURE_LABELS = {
    OFFENCES: "Offences recorded (NSPCC)",
    ONLINE_FLAGGED: "Flagged as online (NSPCC)",
    VICTIMS_AGED_10_AND_UNDER: "Victim aged 10 and under (NSPCC)",
    VICTIMS_AGED_4_AND_UNDER: "Victim aged 4 and under (NSPCC)",
    VICTIMS_UNDER_1: "Victim under 1 (NSPCC)",
    SEXUAL_COMMUNICATION: "Sexual communication with a child (NSPCC)",
    HOME_OFFICE_CHILD_OFFENCES: "Child-specific offences (Home Office codes)",
}
MEASURES = tuple(MEASURE_LABELS)
# The two series of offences recorded: each area's headline count.
COUNT_MEASURES = (HOME_OFFICE_CHILD_OFFENCES, OFFENCES)
AGE_MEASURES = (VICTIMS_AGED_10_AND_UNDER, VICTIMS_AGED_4_AND_UNDER, VICTIMS_UNDER_1)

# Why a figure is missing, as recorded in the data's ``status`` column.
NOT_SUPPLIED = "not_supplied"
SUPPRESSED = "suppressed"
# A published total that the source says covers only some forces, without naming those left out.
PARTIAL_TOTAL = "partial_total"
# A published figure that the source says was counted another way from the next year's (crimes reported, not
# recorded, say): no change between the two is given and no line joins them.
NOT_COMPARABLE_WITH_NEXT = "not_comparable_with_next"
STATUS_LABELS = {
    NOT_SUPPLIED: "The force did not supply a figure for this year",
    SUPPRESSED: "Withheld by the publisher because the number is small",
    PARTIAL_TOTAL: "A total the source says covers only some forces",
    NOT_COMPARABLE_WITH_NEXT: "A figure the source says is not comparable with the next year's",
}
NO_FIGURE = "This data set has no figure for this area and year"
# The nations the Home Office's open data tables cover.
HOME_OFFICE_NATIONS = ("England", "Wales")
HOME_OFFICE_COVERS = "The Home Office series covers England and Wales only"
HOME_OFFICE_CAVEAT = (
    "Child-specific offences (Home Office codes) counts only offences whose legal definition fixes the victim's "
    "age, such as rape of a child under 13; it leaves out offences against 13 to 17 year olds recorded under "
    "all-age codes. It is a different count from the NSPCC series of offences against under-18s (usually lower, "
    "though not always: forces answer the NSPCC from their own searches of their records), and the two are never "
    "compared."
)
SERIES_EXPLAINED = (
    "Two series, never added together or drawn as one line. The Home Office's official figures count offences "
    "whose legal definition names a child victim (such as rape of a child under 13), so by definition they leave "
    "out 16- and 17-year-olds recorded under all-age offences; every force of England and Wales reports them "
    "every year. The NSPCC's figures count every sexual offence where the victim was under 18, from forces' "
    "answers to its yearly Freedom of Information requests, which each force finds by its own search of its "
    "records; so although the Home Office's definition is narrower, its figure is sometimes the higher of the two. "
    "Both are crimes recorded by the police, not a measure of how much abuse happens."
)
