{{%AUTOESCAPE context="HTML"}}{{!-- My data: who is logged in, who used their data and why (the data tracker), the export. --}}
<h1 class="utrecht-heading-1">{{t_data_title}}</h1>
{{#LOGGED_OUT}}<p class="utrecht-paragraph">{{t_data_logged_out}}</p>
<ul class="utrecht-link-list utrecht-link-list--html-ul">
{{#LOGIN_DIGID}}<li class="utrecht-link-list__item"><a class="utrecht-link utrecht-link-list__link" href="/auth/digid/login?returnTo=/mijn-gegevens">{{t_login_digid}}</a></li>
{{/LOGIN_DIGID}}{{#LOGIN_DEMO}}<li class="utrecht-link-list__item"><a class="utrecht-link utrecht-link-list__link" href="/auth/demo">{{t_login_demo}}</a></li>
{{/LOGIN_DEMO}}
</ul>
{{/LOGGED_OUT}}
{{#SHOWN}}<p class="utrecht-paragraph" id="who">{{WHO}}</p>
<div id="idle-warning" class="utrecht-alert utrecht-alert--warning" role="alert" hidden data-expires-at="{{IDLE_EXPIRES_AT}}" data-text="{{t_idle_warning}}" data-text-one="{{t_idle_warning_one}}">
<p class="utrecht-paragraph" id="idle-text"></p>
<button type="button" id="stay" class="utrecht-button utrecht-button--secondary-action">{{t_stay}}</button>
</div>
<h2 class="utrecht-heading-2">{{t_tracker_title}}</h2>
<p class="utrecht-paragraph">{{t_tracker_intro}}</p>
<div class="utrecht-table-container utrecht-table-container--overflow-inline" role="region" aria-labelledby="log-caption" tabindex="0">
<table class="utrecht-table utrecht-table--html-table" id="log">
<caption class="utrecht-table__caption visually-hidden" id="log-caption">{{t_tracker_title}}</caption>
<thead class="utrecht-table__header">
<tr class="utrecht-table__row">
<th scope="col" class="utrecht-table__header-cell">{{t_tracker_when}}</th>
<th scope="col" class="utrecht-table__header-cell">{{t_tracker_what}}</th>
<th scope="col" class="utrecht-table__header-cell">{{t_tracker_who}}</th>
<th scope="col" class="utrecht-table__header-cell">{{t_tracker_why}}</th>
</tr>
</thead>
<tbody class="utrecht-table__body">
{{#ENTRY}}<tr class="utrecht-table__row"><td class="utrecht-table__cell">{{WHEN}}</td><td class="utrecht-table__cell">{{WHAT}}</td><td class="utrecht-table__cell">{{WHO}}</td><td class="utrecht-table__cell">{{WHY}}</td></tr>
{{/ENTRY}}
</tbody>
</table>
</div>
{{#EMPTY}}<p class="utrecht-paragraph">{{t_tracker_empty}}</p>
{{/EMPTY}}
<nav class="pager" aria-label="{{t_pager_label}}">
{{#PREVIOUS}}<a class="utrecht-link" href="{{HREF}}" rel="prev">{{t_pager_previous}}</a>
{{/PREVIOUS}}{{#NEXT}}<a class="utrecht-link" href="{{HREF}}" rel="next">{{t_pager_next}}</a>
{{/NEXT}}
</nav>
<h2 class="utrecht-heading-2">{{t_export_title}}</h2>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/api/v1/me/export" download>{{t_export_link}}</a></p>
{{/SHOWN}}
