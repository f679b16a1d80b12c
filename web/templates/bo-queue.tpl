{{%AUTOESCAPE context="HTML"}}{{!-- The back office's work queue: the cases of the staff member's organisations, filtered, by deadline, with claim and bulk assign. Plain forms. --}}
<h1 class="utrecht-heading-1">{{t_bo_queue_title}}</h1>
{{#LOGGED_OUT}}<p class="utrecht-paragraph">{{t_bo_logged_out}}</p>
{{#LOGIN_OIDC}}<p class="utrecht-paragraph"><a class="utrecht-link" href="/auth/staff-oidc/login?returnTo=/behandelen">{{t_bo_login_oidc}}</a></p>
{{/LOGIN_OIDC}}
{{/LOGGED_OUT}}
{{#SHOWN}}<p class="utrecht-paragraph">{{t_bo_queue_intro}} {{ORGANISATIONS}}</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen/inzicht">{{t_bo_insight_link}}</a></p>
{{#ADMIN}}<p class="utrecht-paragraph">{{t_bo_admin}} {{NAME}}: <a class="utrecht-link" href="/beheer/{{ORG}}/medewerkers">{{t_admin_staff_title}}</a>, <a class="utrecht-link" href="/beheer/{{ORG}}/producten">{{t_admin_products_title}}</a>, <a class="utrecht-link" href="/beheer/{{ORG}}/teams">{{t_admin_teams_title}}</a></p>
{{/ADMIN}}{{#ASSIGNED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{TEXT}}</p></div>
{{/ASSIGNED}}
{{#NOTHING_SELECTED}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_bo_nothing_selected}}</p></div>
{{/NOTHING_SELECTED}}
<ul class="bo-counts">
<li><a class="utrecht-link" href="/behandelen?termijn=te-laat">{{t_bo_count_overdue}}: <strong>{{OVERDUE_N}}</strong></a></li>
<li><a class="utrecht-link" href="/behandelen?behandelaar=mij">{{t_bo_count_mine}}: <strong>{{MINE_N}}</strong></a></li>
<li><a class="utrecht-link" href="/behandelen?behandelaar=niemand">{{t_bo_count_unassigned}}: <strong>{{UNASSIGNED_N}}</strong></a></li>
</ul>
<form method="get" action="/behandelen" class="bo-filters">
<h2 class="utrecht-heading-2">{{t_bo_filters}}</h2>
<div class="bo-filters__fields">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="product">{{t_bo_filter_product}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="product" name="product">{{#PRODUCT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRODUCT}}</select></div></div>
{{#TEAMS}}<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="team">{{t_bo_filter_team}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="team" name="team">{{#TEAM}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TEAM}}</select></div></div>
{{/TEAMS}}{{#STATUS_TYPES}}<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="statustype">{{t_bo_filter_status_type}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="statustype" name="statustype">{{#STATUS_TYPE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_TYPE}}</select></div></div>
{{/STATUS_TYPES}}
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="stand">{{t_bo_filter_state}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="stand" name="stand">{{#STATE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATE}}</select></div></div>
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="behandelaar">{{t_bo_filter_assignee}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="behandelaar" name="behandelaar">{{#ASSIGNEE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ASSIGNEE}}</select></div></div>
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="termijn">{{t_bo_filter_band}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="termijn" name="termijn">{{#BAND}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/BAND}}</select></div></div>
</div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_filter_submit}}</button>
</form>
<h2 class="utrecht-heading-2" id="lijst">{{COUNT}}</h2>
{{#EMPTY}}<p class="utrecht-paragraph">{{t_bo_queue_empty}}</p>
{{/EMPTY}}
{{#HAS_ROWS}}<form method="post" action="/behandelen/toewijzen">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="terug" value="{{RETURN}}">
<div class="utrecht-table-container bo-table" role="region" aria-labelledby="lijst" tabindex="0">
<table class="utrecht-table">
<thead class="utrecht-table__header"><tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="col"><span class="visually-hidden">{{t_bo_col_select}}</span></th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_col_case}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_col_status}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_col_deadline}}</th>
<th class="utrecht-table__header-cell" scope="col">{{t_bo_col_assignee}}</th>
</tr></thead>
<tbody class="utrecht-table__body">
{{/HAS_ROWS}}{{#ROW}}<tr class="utrecht-table__row">
<td class="utrecht-table__cell"><input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" name="zaak" value="{{ID}}" id="zaak-{{ID}}"><label for="zaak-{{ID}}" class="visually-hidden">{{t_bo_select_case}} {{REFERENCE}}</label></td>
<td class="utrecht-table__cell" data-label="{{t_bo_col_case}}"><a class="utrecht-link" href="/behandelen/zaken/{{ID}}">{{REFERENCE}}</a><br>{{PRODUCT}}</td>
<td class="utrecht-table__cell" data-label="{{t_bo_col_status}}">{{STATUS}}{{#SUSPENDED}}<br><span class="bo-tag">{{t_bo_suspended_tag}}</span>{{/SUSPENDED}}</td>
<td class="utrecht-table__cell" data-label="{{t_bo_col_deadline}}">{{DEADLINE}}{{#DAYS}}<br>{{TEXT}}{{/DAYS}}{{#LATE}}<br><strong class="bo-late">{{TEXT}}</strong>{{/LATE}}</td>
<td class="utrecht-table__cell" data-label="{{t_bo_col_assignee}}">{{ASSIGNEE}}{{#CLAIM}}<br><button type="submit" class="utrecht-button utrecht-button--subtle bo-claim" name="oppakken" value="{{ID}}">{{t_bo_claim}}<span class="visually-hidden"> {{REFERENCE}}</span></button>{{/CLAIM}}</td>
</tr>
{{/ROW}}{{#HAS_ROWS}}</tbody>
</table>
</div>
<div class="bo-bulk">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="aan">{{t_bo_bulk_to}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="aan" name="aan">{{#TO}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TO}}</select></div></div>
<button type="submit" class="utrecht-button utrecht-button--primary-action" name="bulk" value="1">{{t_bo_bulk_submit}}</button>
</div>
</form>
{{/HAS_ROWS}}
<nav class="pager" aria-label="{{t_pager_label}}">
{{#FIRST}}<a class="utrecht-link" href="{{HREF}}">{{t_bo_first_page}}</a>
{{/FIRST}}{{#NEXT}}<a class="utrecht-link" href="{{HREF}}" rel="next">{{t_pager_next}}</a>
{{/NEXT}}
</nav>
{{/SHOWN}}
