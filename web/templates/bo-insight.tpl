{{%AUTOESCAPE context="HTML"}}{{!-- The organisation's dashboard: cases per product over the last twelve weeks, lead times, the share within the legal term and without staff, received per week (SVG), the overdue list; each figure as CSV. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen">{{t_bo_back_to_queue}}</a></p>
<h1 class="utrecht-heading-1">{{t_bo_insight_title}}</h1>
{{#LOGGED_OUT}}<p class="utrecht-paragraph">{{t_bo_logged_out}}</p>
{{#LOGIN_OIDC}}<p class="utrecht-paragraph"><a class="utrecht-link" href="/auth/staff-oidc/login?returnTo=/behandelen/inzicht">{{t_bo_login_oidc}}</a></p>
{{/LOGIN_OIDC}}
{{/LOGGED_OUT}}
{{#SHOWN}}<p class="utrecht-paragraph">{{t_bo_insight_since}} {{FROM}}.</p>
<p class="utrecht-paragraph bo-computed">{{t_bo_insight_computed}} {{COMPUTED_AT}}.</p>
<p class="utrecht-paragraph bo-goal">{{t_bo_insight_self}}: <strong>{{SELF_SHARE}}</strong> ({{t_bo_insight_goal}})</p>
<h2 class="utrecht-heading-2 bo-case-section" id="per-product">{{t_bo_insight_products}}</h2>
{{#NO_PRODUCTS}}<p class="utrecht-paragraph">{{t_bo_insight_none}}</p>
{{/NO_PRODUCTS}}
<div class="utrecht-table-container bo-wide" role="region" aria-labelledby="per-product" tabindex="0">
<table class="utrecht-table">
<thead class="utrecht-table__header"><tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="col">{{t_bo_filter_product}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_insight_received}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_insight_open}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_insight_closed}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_insight_median}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_insight_p90}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_insight_within}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_insight_without}}</th>
</tr></thead>
<tbody class="utrecht-table__body">
{{#PRODUCT}}<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">{{NAME}}</th><td class="utrecht-table__cell">{{RECEIVED}}</td><td class="utrecht-table__cell">{{OPEN}}</td><td class="utrecht-table__cell">{{CLOSED}}</td><td class="utrecht-table__cell">{{MEDIAN}}</td><td class="utrecht-table__cell">{{P90}}</td><td class="utrecht-table__cell">{{WITHIN}}</td><td class="utrecht-table__cell">{{SELF}}</td></tr>
{{/PRODUCT}}</tbody>
</table>
</div>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen/inzicht.csv?figuur=producten" download>{{t_bo_insight_csv_products}}</a></p>
<h2 class="utrecht-heading-2 bo-case-section" id="per-week">{{t_bo_insight_weeks}}</h2>
<div class="bo-chart-container" role="region" aria-labelledby="per-week" tabindex="0">
<svg class="bo-chart" viewBox="0 0 600 200" role="img" aria-labelledby="per-week">
<line x1="36" y1="170" x2="596" y2="170" class="bo-chart__axis"/>
{{#BAR}}<rect x="{{X}}" y="{{Y}}" width="36" height="{{H}}" class="bo-chart__bar"><title>{{WEEK}}: {{N}}</title></rect>
<text x="{{TX}}" y="{{TY}}" text-anchor="middle" class="bo-chart__value">{{N}}</text>
<text x="{{TX}}" y="188" text-anchor="middle" class="bo-chart__label">{{SHORT}}</text>
{{/BAR}}
</svg>
</div>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen/inzicht.csv?figuur=weken" download>{{t_bo_insight_csv_weeks}}</a></p>
<h2 class="utrecht-heading-2 bo-case-section">{{t_bo_insight_overdue}}</h2>
{{#NO_OVERDUE}}<p class="utrecht-paragraph">{{t_bo_insight_no_overdue}}</p>
{{/NO_OVERDUE}}
<ul class="utrecht-unordered-list">
{{#OVERDUE}}<li><a class="utrecht-link" href="/behandelen/zaken/{{ID}}">{{REFERENCE}}</a> {{PRODUCT}}: {{DEADLINE}}</li>
{{/OVERDUE}}
</ul>
{{/SHOWN}}
