{{%AUTOESCAPE context="HTML"}}{{!-- The approvers' list: drafts of four-eyes products that wait for a second pair of eyes. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen">{{t_bo_back_to_queue}}</a></p>
<h1 class="utrecht-heading-1">{{t_bo_work_approvals_title}}</h1>
<p class="utrecht-paragraph">{{t_bo_work_approvals_intro}}</p>
{{#NONE}}<p class="utrecht-paragraph">{{t_bo_work_approvals_none}}</p>
{{/NONE}}
<ul class="utrecht-unordered-list">
{{#DRAFT}}<li><a class="utrecht-link" href="/behandelen/zaken/{{CASE}}#besluiten">{{PRODUCT}} {{REFERENCE}}</a>: {{TYPE}}, {{t_bo_work_decided_by}} {{DECIDED_BY}} ({{DATE}}){{#NOT_YOURS}} <span class="bo-muted">{{t_bo_work_approvals_not_yours}}</span>{{/NOT_YOURS}}</li>
{{/DRAFT}}
</ul>
