"""/articles, /articles/{id}, /quotes, /actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request

from eventwire.api.deps import MAX_OFFSET, MAX_PAGE, ReadAccess, SinceTime, Text, Until, cached, store_of
from eventwire.api.limits import BoundedRoute
from eventwire.api.schemas import ActorOut, ArticleDetail, ArticlePage, QuotePage
from eventwire.store import queries

router = APIRouter(dependencies=[ReadAccess], route_class=BoundedRoute)
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


@router.get("/articles", response_model=ArticlePage, tags=["articles"], summary="Stored articles, newest first")
def list_articles(
    request: Request,
    since: SinceTime = None,
    until: Until = None,
    site: Text = None,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    items, total = queries.list_articles(store_of(request), since, until, site, q, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get(
    "/articles/{article_id}",
    response_model=ArticleDetail,
    tags=["articles"],
    summary="An article's text with every annotation (character offsets) and its event mentions",
)
def get_article(request: Request, article_id: Annotated[str, Path(max_length=100)]) -> dict:
    found = queries.article_detail(store_of(request), article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return found


@router.get("/quotes", response_model=QuotePage, tags=["quotes"], summary="Attributed quotes, grouped by speaker")
def list_quotes(
    request: Request,
    speaker: Text = None,
    article_id: Annotated[str | None, Query(max_length=100)] = None,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    items, total = queries.list_quotes(store_of(request), speaker, article_id, q, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/actors", response_model=list[ActorOut], tags=["actors"], summary="Actors in events, most active first")
def list_actors(request: Request, q: Text = None, limit: Limit = 100, offset: Offset = 0) -> list[dict]:
    # A full-table aggregate: computed once per store write generation.
    return cached(
        request, ("actors", q, limit, offset), lambda: queries.list_actors(store_of(request), q, limit, offset)
    )
