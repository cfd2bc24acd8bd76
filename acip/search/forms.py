from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from acip.lib.forms import LimitedTextFormField
from acip.search.text import MAX_QUERY_LENGTH, MAX_WORDS, words_of


class SearchForm(forms.Form):
    """The search box: a query of at most MAX_QUERY_LENGTH characters and MAX_WORDS words, with a word in it.
    A NUL character is refused by Django's own check, with its message."""

    q = LimitedTextFormField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={"required": _("Type a word to search for.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        words = words_of(query)
        if not words:
            raise forms.ValidationError(
                _("Type a word or a number: punctuation and operators alone match nothing."), code="no_words"
            )
        if len(words) > MAX_WORDS:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Use %(limit)d word at most (this has %(count)d).",
                    "Use %(limit)d words at most (this has %(count)d).",
                    "limit",
                ),
                code="too_many_words",
                params={"limit": MAX_WORDS, "count": len(words)},
            )
        return query

    @property
    def words(self) -> list[str]:
        return words_of(self.cleaned_data["q"])
