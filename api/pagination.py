"""Pages of API lists: `?page=N`, `page_size` up to 100; the answer says the total and links to its neighbours."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
