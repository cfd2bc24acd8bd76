from django.shortcuts import render
from django.views.decorators.http import require_GET

from acip.search.forms import SearchForm
from acip.search.registry import KINDS, KINDS_BY_KEY
from acip.search.selectors import search_groups, search_page


@require_GET
def search(request):
    """Every kind's first matches, or one kind's matches page by page (`?kind=`); an unknown kind reads as none."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    kind = KINDS_BY_KEY.get(request.GET.get("kind", ""))
    context = {"form": form, "kind": kind, "kinds": KINDS}
    if form.is_bound and form.is_valid():
        if kind:
            context["page_obj"], context["hits"] = search_page(kind, request.user, form.words, request.GET.get("page"))
        else:
            context["groups"] = search_groups(request.user, form.words)
    return render(request, "search/search_results.html", context)
