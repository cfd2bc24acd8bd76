"""The words that synthetic names and texts are made of."""

SYLLABLES = [
    "ka", "lo", "ri", "na", "mo", "ta", "ve", "sa", "du", "ne", "bo", "li", "ar", "te", "mi", "ro", "za", "ul",
    "en", "qa", "so", "pe", "gu", "ha", "fi", "ko", "da", "ni", "ba", "yo",
]  # fmt: skip
COUNTRY_ENDINGS = ["ia", "land", "stan", "ra", "ova", "i", "a", "ea"]
CITIES = [
    "Brussels", "Nairobi", "Abidjan", "Amman", "Bangkok", "Panama City", "Lusaka", "Dakar", "Tbilisi", "Manila",
    "Maputo", "Tunis", "Kingston", "Ouagadougou", "Online",
]  # fmt: skip
TOPICS = [
    "the integrity strategy", "the Internal Affairs Unit", "the code of conduct", "the CIPS results",
    "risk-based controls", "the whistle-blowing channel", "automation of clearance", "the HR rotation policy",
    "the private-sector forum", "the asset declaration scheme", "the action plan", "the next mission",
    "the corruption risk map", "transparency of procedures", "the integrity e-learning module",
]  # fmt: skip
VERBS = [
    "Discussed", "Reviewed", "Agreed on", "Followed up on", "Presented", "Raised concerns about",
    "Asked for support on", "Reported progress on",
]  # fmt: skip
NEXT_STEPS = [
    "Share the draft of", "Send comments on", "Organise a workshop on", "Nominate a focal point for",
    "Translate", "Validate", "Propose dates to discuss", "Report on",
]  # fmt: skip
