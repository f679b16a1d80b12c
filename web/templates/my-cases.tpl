{{%AUTOESCAPE context="HTML"}}{{!-- My cases: every case of the person, with where it stands. --}}
<h1 class="utrecht-heading-1">{{t_cases_title}}</h1>
{{#LOGGED_OUT}}<p class="utrecht-paragraph">{{t_cases_logged_out}}</p>
<ul class="utrecht-link-list utrecht-link-list--html-ul">
{{#LOGIN_DIGID}}<li class="utrecht-link-list__item"><a class="utrecht-link utrecht-link-list__link" href="/auth/digid/login?returnTo=/mijn-zaken">{{t_login_digid}}</a></li>
{{/LOGIN_DIGID}}{{#LOGIN_DEMO}}<li class="utrecht-link-list__item"><a class="utrecht-link utrecht-link-list__link" href="/auth/demo">{{t_login_demo}}</a></li>
{{/LOGIN_DEMO}}
</ul>
{{/LOGGED_OUT}}
{{#CASES_SHOWN}}<p class="utrecht-paragraph">{{t_cases_intro}}</p>
<form method="get" action="/mijn-zaken" class="cases-filter">
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="filter-organisation">{{t_case_filter_organisation}}</label>
<select class="utrecht-select utrecht-select--html-select" id="filter-organisation" name="organisation">
<option value="">{{t_case_filter_all}}</option>
{{#FILTER_ORG}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/FILTER_ORG}}</select>
</div>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="filter-status">{{t_case_filter_status}}</label>
<select class="utrecht-select utrecht-select--html-select" id="filter-status" name="status">
<option value="">{{t_case_filter_all}}</option>
<option value="open"{{#STATUS_open}} selected{{/STATUS_open}}>{{t_case_filter_open}}</option>
<option value="closed"{{#STATUS_closed}} selected{{/STATUS_closed}}>{{t_case_filter_closed}}</option>
</select>
</div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_case_filter_apply}}</button>
</form>
<ul class="cases">
{{#CASE}}<li class="cases__item">
<h2 class="utrecht-heading-3"><a class="utrecht-link" href="/mijn-zaken/{{ID}}">{{TITLE}}</a></h2>
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_status}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{STATUS}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_reference}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{REFERENCE}}</dd></div>
{{#FOR}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_for}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{WHO}}</dd></div>
{{/FOR}}{{#DESCRIPTION}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_description}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{TEXT}}</dd></div>
{{/DESCRIPTION}}
{{#ORGANISATION}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_organisation}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{NAME}}</dd></div>
{{/ORGANISATION}}
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_started}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{STARTED}}</dd></div>
{{#CLOSED}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_closed}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DATE}}</dd></div>
{{/CLOSED}}
{{#DEADLINE}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_deadline}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DATE}}</dd></div>
{{/DEADLINE}}
</dl>
</li>
{{/CASE}}
</ul>
{{#EMPTY}}<p class="utrecht-paragraph">{{t_cases_empty}}</p>
{{/EMPTY}}
<nav class="pager" aria-label="{{t_pager_label}}">
{{#FIRST}}<a class="utrecht-link" href="{{HREF}}">{{t_pager_first}}</a>
{{/FIRST}}{{#PREVIOUS}}<a class="utrecht-link" href="{{HREF}}" rel="prev">{{t_pager_previous}}</a>
{{/PREVIOUS}}{{#NEXT}}<a class="utrecht-link" href="{{HREF}}" rel="next">{{t_pager_next}}</a>
{{/NEXT}}
</nav>
{{/CASES_SHOWN}}
