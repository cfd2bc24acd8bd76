"""The project's renderer writes a select in Python (acip.lib.forms.FormRenderer): the same HTML as Django's
select.html and select_option.html, for any choices, values, labels and attributes."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from acip.lib.forms import FormRenderer, select_html

TEMPLATES = TemplatesSetting()
RENDERER = FormRenderer()

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
values = st.one_of(text, st.integers(-(10**6), 10**6), st.none())
labels = st.one_of(text, st.integers(0, 10**7), text.map(mark_safe))
choices = st.lists(st.tuples(values, labels), max_size=6)
groups = st.lists(st.one_of(st.tuples(values, labels), st.tuples(text.filter(bool), choices)), max_size=5)
attributes = st.dictionaries(
    st.sampled_from(["class", "aria-describedby", "data-x", "disabled", "required", "title"]),
    st.one_of(st.booleans(), text, st.integers(0, 99)),
    max_size=4,
)


def both(widget, name, value, attrs, *, written=True):
    """The widget's HTML by the project's renderer and by Django's templates; `written`: whether the project's
    renderer wrote it itself (rather than leaving it to the templates)."""
    context = widget.get_context(name, value, attrs)["widget"]
    assert (select_html(context) is not None) == written
    return (
        widget.render(name, value, attrs=attrs, renderer=RENDERER),
        widget.render(name, value, attrs=attrs, renderer=TEMPLATES),
    )


@settings(max_examples=60, deadline=None)
@given(choices=groups, name=text, attrs=attributes, data=st.data())
def test_a_select_is_the_templates_html(choices, name, attrs, data):
    keys = [key for key, label in choices if not isinstance(label, list)]
    value = data.draw(st.one_of(st.none(), st.sampled_from(keys) if keys else st.none()))
    ours, theirs = both(forms.Select(choices=choices), name, value, attrs)
    assert ours == theirs


@settings(max_examples=30, deadline=None)
@given(choices=choices, name=text, attrs=attributes, data=st.data())
def test_a_multiple_select_is_the_templates_html(choices, name, attrs, data):
    keys = [key for key, _label in choices]
    value = data.draw(st.lists(st.sampled_from(keys), max_size=3) if keys else st.just([]))
    ours, theirs = both(forms.SelectMultiple(choices=choices), name, value, attrs)
    assert ours == theirs


@pytest.mark.django_db
def test_a_model_choice_field_in_a_filter_form_is_the_templates_html():
    from acip.models import Region
    from partners.filters import PartnerFilter
    from partners.models import PartnerAdministration
    from tests.partners.factories import PartnerFactory

    PartnerFactory(region=Region.objects.create(code="ZZ", name="Afrique de l'Ouest & du Centre <WCA>"))
    form = PartnerFilter({"region": "x"}, queryset=PartnerAdministration.objects.all()).form
    assert "Afrique de l&#x27;Ouest &amp; du Centre &lt;WCA&gt;" in str(form["region"])
    for name in ("region", "stage", "donor"):
        field = form[name]
        widget = field.field.widget
        context_value = field.value()
        ours, theirs = both(widget, field.html_name, context_value, {"id": field.auto_id})
        assert ours == theirs


def test_a_select_whose_options_use_another_template_is_left_to_the_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    ours, theirs = both(Custom(choices=[("a", "A")]), "x", "a", {}, written=False)
    assert ours == theirs
